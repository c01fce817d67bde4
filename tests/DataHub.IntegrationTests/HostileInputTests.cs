using DataHub.Api.Access;

namespace DataHub.IntegrationTests;

/// <summary>
/// Generated from api-docs/openapi.json: for every operation, hostile values for each parameter and hostile bodies, as
/// anonymous, as a Reader and as a Submitter. No answer is 5xx, every 4xx is problem+json, a wrong type or an unknown
/// parameter is 400 naming it, the hub still answers, and nothing is stored (every table but the audit trail keeps its
/// row count). The same for GraphQL: malformed documents, wrong variable types, oversized and over-deep queries.
/// </summary>
public abstract class HostileInputTests(Hub hub)
{
    private const string Owner = "GM0331"; // IJsselstein: no other test class of this hub writes as it

    /// <summary>Values that are wrong for some parameter: types, formats, ranges, encodings, injections, cursors, bboxes, CRSs.</summary>
    private static readonly string[] HostileValues =
    [
        "", "x", "-1", "0", "2147483648", "99999999999999999999999", "1e309", "NaN", "-Infinity", "0x10", "1.5", "true",
        "2026-13-45T99:99:99Z", "0000-00-00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1700000000",
        "'; DROP TABLE development_versions;--", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x}",
        "ünïcødé ☃ 😀 \u202e", "\u0000", "../../../../etc/passwd", "%", "%zz", new string('9', 5000), new string('a', 5000),
        ",,,", "1,2,3", "4,3,2,1", "-180,-90,180,90", "5,52,5.1", "NaN,NaN,NaN,NaN", "1e308,1e308,-1e308,-1e308",
        "http://www.opengis.net/def/crs/EPSG/0/99999", "EPSG:28992", "EPSG:-1", "urn:ogc:def:crs:EPSG::4326",
        "AAAA", "eyJ4IjoxfQ", "MTIzCjQ1Ngo3ODk=", "-updatedAt", "--name", "seq,name", "[]", "{}", "null",
    ];

    /// <summary>Bodies that are wrong in shape, depth, numbers or geometry, each with the media type it is sent as.</summary>
    private static IEnumerable<(string What, string Body, string MediaType)> HostileBodies()
    {
        yield return ("empty", "", "application/json");
        yield return ("malformed", "{\"type\": ", "application/json");
        yield return ("array", "[]", "application/json");
        yield return ("string", "\"x\"", "application/json");
        yield return ("number", "1", "application/json");
        yield return ("null", "null", "application/json");
        yield return ("empty object", "{}", "application/json");
        yield return ("deep nesting", new string('[', 5000) + new string(']', 5000), "application/json");
        yield return ("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000), "application/json");
        yield return ("nulls in arrays", """{"type":"FeatureCollection","features":[null,null],"recipients":[null],"scope":{"planTypes":[null]},"developments":[null],"items":[null]}""", "application/json");
        yield return ("huge numbers", """{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,-1e400]},"properties":{"name":"x","quantities":[{"year":99999999999,"value":1e400,"unit":"homes"}],"capacityMw":1e400,"year":1e400}}""", "application/json");
        yield return ("self-intersecting polygon", Features.Feature(Features.Id(), JsonNode.Parse("""{"type":"Polygon","coordinates":[[[5.1,52.0],[5.2,52.1],[5.2,52.0],[5.1,52.1],[5.1,52.0]]]}""")!).ToJsonString(), "application/json");
        yield return ("out of extent", Features.Point(Features.Id(), 170, -45).ToJsonString(), "application/json");
        yield return ("open ring", Features.Feature(Features.Id(), JsonNode.Parse("""{"type":"Polygon","coordinates":[[[5.1,52.0],[5.2,52.1],[5.2,52.0]]]}""")!).ToJsonString(), "application/json");
        yield return ("wrong geometry types", """{"type":"Feature","geometry":{"type":"Point","coordinates":"5,52"},"properties":[]}""", "application/json");
        yield return ("collection of garbage", """{"type":"FeatureCollection","features":[1,"x",[],{"type":"Feature"}]}""", "application/json");
        yield return ("NUL in a string", Features.Point(Features.Id(), props: p => p["name"] = "a\u0000b").ToJsonString(), "application/json");
        yield return ("NUL in csv", "externalId,name\nx,a\u0000b\n", "text/csv");
        yield return ("unterminated csv", "externalId,name\n\"abc,def\n", "text/csv");
        yield return ("binary", "\u0001\u0002\u0003\u00ff", "application/octet-stream");
    }

    private JsonObject OpenApi { get; } = (JsonObject)JsonNode.Parse(File.ReadAllText(Repository.Path("api-docs", "openapi.json")))!;

    private sealed record Operation(string Method, string Path, JsonArray Parameters, bool HasBody);

    private IEnumerable<Operation> Operations() =>
        OpenApi["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => new Operation(
            m.Key.ToUpperInvariant(), p.Key, m.Value!["parameters"]?.AsArray() ?? [], m.Value!["requestBody"] is not null)));

    private static string TypeOf(JsonNode parameter) => parameter["schema"]?["type"]?.GetValue<string>() ?? "string";

    private HttpClient[] Callers() => [hub.Client(), hub.Client(Owner, Roles.Reader), hub.Client(Owner, Roles.Submitter, Roles.OrgAdmin)];

    /// <summary>The path with its parameters filled: the one that is being fuzzed gets the hostile value, the others a real id.</summary>
    private static string Fill(string path, string developmentId, string? fuzzed = null, string? value = null)
    {
        var filled = System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)\}", m =>
        {
            var name = m.Groups[1].Value;
            if (name == fuzzed) return Uri.EscapeDataString(value!);
            return name switch
            {
                "id" when path.StartsWith("/developments") => developmentId,
                "id" => Guid.NewGuid().ToString(),
                "code" => "GM0331",
                "province" => "PV26",
                "criterion" => "A",
                _ => "x",
            };
        });
        return "/api/v1" + filled;
    }

    private static async Task<(HttpStatusCode Status, string Text)> Send(HttpClient client, string method, string url,
        (string Name, string Value)? header = null, HttpContent? content = null, string? body = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
        if (header is { } h)
        {
            if (h.Name.Equals("Content-Crs", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new StringContent("", Encoding.UTF8, "application/json");
                request.Content.Headers.TryAddWithoutValidation(h.Name, h.Value);
            }
            else request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = response.StatusCode;
        var what = $"{method} {url} {header} {body}";
        Assert.True((int)status < 500, $"{what}: {(int)status} {text}");
        if ((int)status >= 400)
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"{what}: {(int)status} answered {response.Content.Headers.ContentType}: {text}");
        return (status, text);
    }

    private async Task<string> SeedDevelopment()
    {
        var created = await hub.Client(Owner).PostAsync("/api/v1/developments", Http.GeoJson(Features.Point(Features.Id(), 5.05, 52.02)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Body())["id"]!.GetValue<string>();
    }

    private async Task AssertStillAnswering()
    {
        var response = await hub.Client().GetAsync("/api/v1/organisations?type=gemeente");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Body())["items"]!.AsArray().Count > 300);
    }

    [Fact]
    public async Task Hostile_parameter_values_on_every_operation_are_4xx_problems_and_store_nothing()
    {
        var developmentId = await SeedDevelopment();
        var before = await StoreCounts.Of(hub);
        var requests = 0;
        foreach (var op in Operations())
        {
            foreach (var parameter in op.Parameters.Select(p => p!))
            {
                var name = parameter["name"]!.GetValue<string>();
                var place = parameter["in"]!.GetValue<string>();
                foreach (var value in HostileValues.Where(v => place != "path" || !v.Contains('\u0000')))
                foreach (var client in Callers())
                {
                    requests++;
                    var url = place == "path" ? Fill(op.Path, developmentId, name, value)
                        : place == "query" ? Fill(op.Path, developmentId) + "?" + name + "=" + Uri.EscapeDataString(value)
                        : Fill(op.Path, developmentId);
                    (string, string)? header = place == "header" ? (name, value.Replace("\u0000", "")) : null;
                    var (status, text) = await Send(client, op.Method, url, header);
                    // A wrong type for a typed query parameter is 400 naming it.
                    if (place == "query" && TypeOf(parameter) is "integer" or "boolean" && !IsOfType(parameter, value))
                    {
                        Assert.True(status == HttpStatusCode.BadRequest, $"{op.Method} {url}: {(int)status} {text}");
                        Assert.Contains(name, text);
                    }
                }
            }
            // An unknown query parameter is 400 naming it (a typo must not silently widen the answer).
            var (unknownStatus, unknownText) = await Send(hub.Client(Owner, Roles.Reader), op.Method, Fill(op.Path, developmentId) + "?limitt=5");
            Assert.True(unknownStatus == HttpStatusCode.BadRequest, $"{op.Method} {op.Path}?limitt=5: {(int)unknownStatus} {unknownText}");
            Assert.Contains("limitt", unknownText);
        }
        Assert.True(requests > 5000, $"only {requests} requests");
        await AssertStillAnswering();
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    private static bool IsOfType(JsonNode parameter, string value) => TypeOf(parameter) switch
    {
        "integer" => long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && (parameter["schema"]?["format"]?.GetValue<string>() == "int64" || n is >= int.MinValue and <= int.MaxValue),
        "boolean" => value is "true" or "false",
        _ => true,
    };

    [Fact]
    public async Task Hostile_bodies_on_every_write_are_4xx_problems_and_store_nothing()
    {
        var developmentId = await SeedDevelopment();
        var before = await StoreCounts.Of(hub);
        foreach (var op in Operations().Where(o => o.Method is "POST" or "PUT"))
        foreach (var (what, body, mediaType) in HostileBodies())
        foreach (var client in Callers())
        {
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new(mediaType);
            var header = op.Method == "PUT" ? ("If-Match", "\"1\"") : ((string, string)?)null;
            await Send(client, op.Method, Fill(op.Path, developmentId), header, content, what);
        }
        await AssertStillAnswering();
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task Hostile_GraphQL_documents_and_variables_are_answered_as_errors_and_store_nothing()
    {
        var before = await StoreCounts.Of(hub);
        var deep = "{ " + string.Concat(Enumerable.Repeat("a { ", 300)) + "b" + new string('}', 301);
        var wide = "{ " + string.Join(" ", Enumerable.Range(0, 5000).Select(i => $"a{i}: organisations {{ totalCount }}")) + " }";
        var nestedCost = "{ energyAreas(first: 500) { nodes { developments(first: 500) { nodes { versions { name } } } } } }";
        var documents = new (string Query, string? Variables)[]
        {
            ("{", null), ("query {", null), ("{ nope }", null), ("}}}}", null), ("", null), ("query Q($c: String!) { area(code: $c) { name } }", "{\"c\": 5}"),
            ("query Q($c: String!) { area(code: $c) { name } }", "{\"c\": null}"), ("query Q($c: String!) { area(code: $c) { name } }", "\"x\""),
            ("query Q($c: String!) { area(code: $c) { name } }", "[1,2]"), ("query Q($n: Int) { organisations(first: $n) { totalCount } }", "{\"n\": 1e400}"),
            ("query Q($n: Int) { organisations(first: $n) { totalCount } }", "{\"n\": 99999999999}"), ("{ organisations(first: -1) { totalCount } }", null),
            ("{ developments(first: 100000) { totalCount } }", null), ("{ developments(after: \"AAAA\") { totalCount } }", null),
            ("{ developments(asOf: \"2026-13-45\") { totalCount } }", null), ("{ developments(bbox: \"NaN,NaN,NaN,NaN\") { totalCount } }", null),
            (deep, null), (wide, null), (nestedCost, null), (new string('#', 200_000), null),
            ("mutation { createDevelopment(input: {}) { ok status problem record { id } } }", null),
            ("mutation { createDevelopment(input: \"x\") { ok status record { id } } }", null),
            ("mutation M($i: JSON!) { createDevelopment(input: $i) { ok status problem } }", "{\"i\": [null]}"),
            ("mutation M($i: JSON!) { createDevelopment(input: $i) { ok status problem } }", "{\"i\": {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[170,-45]},\"properties\":{}}}"),
            ("{ area(code: \"\\u0000\") { name } }", null), ("query Q($c: String!) { area(code: $c) { name } }", "{\"c\": \"\\u0000\"}"),
            ("subscription { x }", null), ("query A { a } query A { a }", null), ("fragment F on Query { ...F } { ...F }", null),
        };
        foreach (var client in Callers())
        foreach (var (query, variables) in documents)
        {
            var body = new JsonObject { ["query"] = query };
            if (variables is not null) body["variables"] = JsonNode.Parse(variables.Replace("1e400", "1e300"));
            var text = body.ToJsonString();
            if (variables is not null && variables.Contains("1e400")) text = text.Replace("1E+300", "1e400").Replace("1e300", "1e400");
            var response = await client.PostAsync("/api/v1/graphql", new StringContent(text, Encoding.UTF8, "application/json"));
            var answer = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{query[..Math.Min(80, query.Length)]}: {(int)response.StatusCode} {answer}");
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            Assert.True(mediaType is "application/graphql-response+json" or "application/problem+json", $"{query[..Math.Min(80, query.Length)]}: {mediaType}");
            if (mediaType == "application/graphql-response+json")
            {
                // Either the request fails with errors, or a mutation answers its typed refusal (ok false, REST's 4xx status).
                var json = JsonNode.Parse(answer)!;
                var refused = json["data"]?["createDevelopment"] is JsonObject result && result["ok"]?.GetValue<bool>() == false
                    && result["status"]!.GetValue<int>() is >= 400 and < 500;
                Assert.True(refused || json["errors"]?.AsArray().Count > 0, $"{query[..Math.Min(80, query.Length)]}: no errors in {answer}");
            }
            var get = await client.GetAsync("/api/v1/graphql?query=" + Uri.EscapeDataString(query.Length > 6000 ? query[..6000] : query)
                + (variables is null ? "" : "&variables=" + Uri.EscapeDataString(variables)));
            Assert.True((int)get.StatusCode < 500, $"GET {query[..Math.Min(80, query.Length)]}: {(int)get.StatusCode}");
        }
        await AssertStillAnswering();
        Assert.Equal(before, await StoreCounts.Of(hub));
    }
}

public sealed class HostileInputOnSqlite(SqliteHub hub) : HostileInputTests(hub), IClassFixture<SqliteHub>;

public sealed class HostileInputOnPostgis(PostgresHub hub) : HostileInputTests(hub), IClassFixture<PostgresHub>;
