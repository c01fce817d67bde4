using System.Text.Json;
using DataHub.Api.Http;
using DataHub.Api.Operations;

namespace DataHub.UnitTests;

/// <summary>The one reader of hand-validated JSON objects: every fault, each with its pointer and the same code everywhere.</summary>
public sealed class JsonObjectReaderTests
{
    private static (JsonObjectReader? Reader, ErrorCollector Errors) Open(string json, string at = "")
    {
        var errors = new ErrorCollector();
        return (JsonObjectReader.Open(JsonDocument.Parse(json).RootElement.Clone(), errors, "a thing", ["name", "year", "kind", "from"], readOnly: ["id"], at: at), errors);
    }

    [Fact]
    public void Not_an_object_is_one_invalidType_error_at_its_pointer()
    {
        var (reader, errors) = Open("[1]", "/features/3");
        Assert.Null(reader);
        Assert.Equal(("/features/3", "invalidType"), (errors.Errors.Single().Pointer, errors.Errors.Single().Code));
    }

    [Fact]
    public void Unknown_and_hub_set_properties_are_told_apart()
    {
        var (_, errors) = Open("""{"id":"x","colour":"red","a/b":1}""");
        Assert.Equal([("/id", "readOnly"), ("/colour", "unknownProperty"), ("/a~1b", "unknownProperty")], errors.Errors.Select(e => (e.Pointer, e.Code)));
    }

    [Theory]
    [InlineData("""{}""", "required")]
    [InlineData("""{"name":null}""", "required")]
    [InlineData("""{"name":"  "}""", "invalidType")]
    [InlineData("""{"name":3}""", "invalidType")]
    [InlineData("""{"name":"abcdefghijk"}""", "tooLong")]
    public void A_string_fault_has_one_code_whatever_reads_it(string json, string code)
    {
        var (reader, errors) = Open(json);
        Assert.Null(reader!.String("name", required: true, max: 10));
        Assert.Equal(("/name", code), (errors.Errors.Single().Pointer, errors.Errors.Single().Code));
    }

    [Fact]
    public void Values_that_are_right_are_read_trimmed_and_typed()
    {
        var (reader, errors) = Open("""{"name":" Warmtevisie ","year":2030,"kind":"b","from":"2026-01-31"}""");
        Assert.Equal("Warmtevisie", reader!.String("name", true, 20));
        Assert.Equal(2030, reader.Int("year", true, 2000, 2100));
        Assert.Equal("b", reader.Code("kind", true, ["a", "b"]));
        Assert.Equal(new DateOnly(2026, 1, 31), reader.Date("from", true));
        Assert.Empty(errors.Errors);
    }

    [Fact]
    public void Every_fault_is_collected_not_only_the_first()
    {
        var (reader, errors) = Open("""{"year":1999,"kind":"c","from":"31-01-2026"}""");
        reader!.String("name", true, 10);
        reader.Int("year", true, 2000, 2100);
        reader.Code("kind", true, ["a", "b"]);
        reader.Date("from", true);
        Assert.Equal(["required", "outOfRange", "unknownCode", "invalidFormat"], errors.Errors.Select(e => e.Code));
    }
}
