using System.Text;
using System.Text.Json;
using DataHub.Api.Features.DevelopmentImports;
using DataHub.Api.Http;
using Microsoft.AspNetCore.Http;

namespace DataHub.UnitTests;

/// <summary>The streaming readers of bulk imports, fed by streams that hand out a few bytes per read.</summary>
public sealed class StreamingReadTests
{
    /// <summary>A stream that returns at most <paramref name="most"/> bytes per read, as a slow network does.</summary>
    private sealed class Trickle(byte[] bytes, int most) : MemoryStream(bytes)
    {
        private readonly Random _random = new(7);
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _random.Next(1, most + 1)));
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, _random.Next(1, most + 1))], ct);
    }

    private static async Task<(List<string> Features, FeatureCollectionReader Reader)> ReadAll(string json, int most)
    {
        var reader = new FeatureCollectionReader(new Trickle(Encoding.UTF8.GetBytes(json), most), 64);
        var features = new List<string>();
        while (await reader.NextAsync(default) is { } feature)
            using (feature) features.Add(feature.RootElement.GetRawText());
        return (features, reader);
    }

    private static string Collection(int count)
    {
        var features = Enumerable.Range(0, count).Select(i =>
            $$"""{ "type": "Feature", "id": {{i}}, "geometry": { "type": "Point", "coordinates": [5.{{i}}, 52.1] }, "properties": { "name": "a \"quoted\" {{new string('x', i * 37 % 500)}}", "nested": [[[1], {"k": [true, null]}]] } }""");
        return $$"""{ "bbox": [1, 2, 3, 4], "name": { "deep": [ {"features": "not these"} ] }, "features": [ {{string.Join(",\n", features)}} ], "type": "FeatureCollection" }""";
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(200_000)]
    public async Task Every_feature_comes_out_whole_however_the_stream_is_cut(int most)
    {
        var json = Collection(300);
        var expected = JsonDocument.Parse(json).RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetRawText()).ToList();
        var (features, reader) = await ReadAll(json, most);
        Assert.Equal(expected, features);
        Assert.Equal("FeatureCollection", reader.Type);
        Assert.Equal(FeatureCollectionReader.Member.Array, reader.FeaturesMember);
        Assert.True(reader.RootIsObject);
    }

    [Fact]
    public async Task A_feature_larger_than_the_buffer_comes_out_whole()
    {
        var coordinates = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"[{i}.5, {i}.25]"));
        var json = $$$"""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[{{{coordinates}}}]}}]}""";
        var (features, _) = await ReadAll(json, 100_000);
        var line = Assert.Single(features);
        Assert.True(line.Length > 300_000);
        Assert.Equal(20_000, JsonDocument.Parse(line).RootElement.GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
    }

    [Theory]
    [InlineData("""[{"type":"Feature"}]""", false, null, FeatureCollectionReader.Member.Missing)]
    [InlineData("""{"type":"Feature","geometry":null}""", true, "Feature", FeatureCollectionReader.Member.Missing)]
    [InlineData("""{"type":7,"features":{"a":[1]}}""", true, "", FeatureCollectionReader.Member.NotArray)]
    [InlineData("""{"features":[]}""", true, null, FeatureCollectionReader.Member.Array)]
    public async Task What_is_not_a_FeatureCollection_is_told_apart(string json, bool isObject, string? type, FeatureCollectionReader.Member features)
    {
        var (read, reader) = await ReadAll(json, 3);
        Assert.Empty(read);
        Assert.Equal(isObject, reader.RootIsObject);
        Assert.Equal(type, reader.Type);
        Assert.Equal(features, reader.FeaturesMember);
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature"},""")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature"}]} {}""")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature" "x":1}]}""")]
    [InlineData("")]
    public async Task Broken_JSON_throws_wherever_it_breaks(string json)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAll(json, 2));
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_throws()
    {
        var deep = new string('[', 70) + new string(']', 70);
        var e = await Assert.ThrowsAnyAsync<JsonException>(() => ReadAll($$"""{"features":[{"a":{{deep}}}]}""", 5));
        Assert.Contains("depth", e.Message);
    }

    private static async Task<(Stream? Body, ProblemResult? Problem)> Spool(string body, int most = 3, long limit = 1 << 20)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new Trickle(Encoding.UTF8.GetBytes(body), most);
        return await RequestBody.SpoolAsync(context.Request, limit, default);
    }

    [Fact]
    public async Task A_spooled_body_reads_back_byte_for_byte()
    {
        var text = Collection(200);
        var (body, problem) = await Spool(text, most: 5000);
        Assert.Null(problem);
        await using (body)
            Assert.Equal(text, await new StreamReader(body!).ReadToEndAsync());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public async Task An_escaped_NUL_is_found_however_the_reads_cut_it(int most)
    {
        for (var at = 0; at < 12; at++)
        {
            var (body, problem) = await Spool(new string(' ', at) + """{"name":"a\u0000b"}""", most);
            Assert.Null(body);
            Assert.Equal(400, problem!.StatusCode);
        }
        var (raw, rawProblem) = await Spool("{\"name\":\"a\0b\"}", most);
        Assert.Null(raw);
        Assert.NotNull(rawProblem);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_an_empty_one_400()
    {
        Assert.Equal(413, (await Spool(new string(' ', 5000), most: 100, limit: 4096)).Problem!.StatusCode);
        Assert.Equal(400, (await Spool("")).Problem!.StatusCode);
    }
}
