namespace DataHub.IntegrationTests;

/// <summary>
/// The bad-input catalogue of the foundation issue: each case gets a problem+json answer that says what and where,
/// on the single-development endpoint and inside a bulk import, and leaves the store exactly as it was.
/// </summary>
public abstract class BadInputTests(Hub hub)
{
    public sealed record Case(string Body, HttpStatusCode Status, string? Pointer, string? Code, string? Crs = null, string ContentType = "application/geo+json");

    private static string Text(JsonObject f) => f.ToJsonString();

    private static string With(Action<JsonObject> props) => Text(Point("bad-" + Id(), props: props));

    private static string WithGeometry(string geometryJson)
    {
        var f = Point("bad-" + Id());
        f["geometry"] = JsonNode.Parse(geometryJson);
        return Text(f);
    }

    public static readonly Dictionary<string, Case> Cases = new()
    {
        ["malformed JSON"] = new("{\"type\":\"Feature\",\"geometry\":", HttpStatusCode.BadRequest, "", "malformedJson"),
        ["JSON nested too deep"] = new(With(p => p["description"] = "DEEP").Replace("\"DEEP\"", new string('[', 200) + new string(']', 200)),
            HttpStatusCode.BadRequest, "", "tooDeep"),
        ["NaN"] = new(With(p => { }).Replace("\"value\":120", "\"value\":NaN"), HttpStatusCode.BadRequest, "", "malformedJson"),
        ["Infinity"] = new(With(p => { }).Replace("\"value\":120", "\"value\":Infinity"), HttpStatusCode.BadRequest, "", "malformedJson"),
        ["1e400"] = new(With(p => { }).Replace("\"value\":120", "\"value\":1e400"), HttpStatusCode.BadRequest, "/properties/quantities/0/value", "invalidNumber"),
        ["1e400 in a coordinate"] = new(WithGeometry("{\"type\":\"Point\",\"coordinates\":[5.1,1e400]}"), HttpStatusCode.BadRequest, "/geometry/coordinates/1", "invalidNumber"),
        ["unknown CRS"] = new(With(p => { }), HttpStatusCode.BadRequest, null, "unknownCrs", Crs: "EPSG:3857"),
        ["self-intersecting polygon"] = new(WithGeometry("{\"type\":\"Polygon\",\"coordinates\":[[[5.10,52.08],[5.12,52.10],[5.12,52.08],[5.10,52.10],[5.10,52.08]]]}"),
            HttpStatusCode.BadRequest, "/geometry", "invalidGeometry"),
        ["ring with too few points"] = new(WithGeometry("{\"type\":\"Polygon\",\"coordinates\":[[[5.10,52.08],[5.12,52.10],[5.10,52.08]]]}"),
            HttpStatusCode.BadRequest, "/geometry/coordinates/0", "tooFewPositions"),
        ["ring not closed"] = new(WithGeometry("{\"type\":\"Polygon\",\"coordinates\":[[[5.10,52.08],[5.12,52.08],[5.12,52.10],[5.10,52.10]]]}"),
            HttpStatusCode.BadRequest, "/geometry/coordinates/0", "ringNotClosed"),
        ["RD coordinates sent as CRS84"] = new(WithGeometry("{\"type\":\"Point\",\"coordinates\":[136898,455820]}"), HttpStatusCode.BadRequest, "/geometry/coordinates", "outsideNetherlands"),
        ["CRS84 coordinates sent as RD"] = new(With(p => { }), HttpStatusCode.BadRequest, "/geometry/coordinates", "outsideNetherlands", Crs: "EPSG:28992"),
        ["coordinates outside the Netherlands"] = new(WithGeometry("{\"type\":\"Point\",\"coordinates\":[2.35,48.85]}"), HttpStatusCode.BadRequest, "/geometry/coordinates", "outsideNetherlands"),
        ["unsupported geometry type"] = new(WithGeometry("{\"type\":\"MultiPoint\",\"coordinates\":[[5.1,52.1]]}"), HttpStatusCode.BadRequest, "/geometry/type", "unsupportedGeometryType"),
        ["missing geometry"] = new(WithGeometry("null"), HttpStatusCode.BadRequest, "/geometry", "required"),
        ["negative quantity"] = new(With(p => p["quantities"]![0]!["value"] = -1), HttpStatusCode.BadRequest, "/properties/quantities/0/value", "negative"),
        ["negative stated energy"] = new(With(p => p["energy"] = new JsonArray(new JsonObject { ["year"] = 2030, ["carrier"] = "electricity", ["peakOfftakeMw"] = -2 })),
            HttpStatusCode.BadRequest, "/properties/energy/0/peakOfftakeMw", "negative"),
        ["year before 2000"] = new(With(p => p["quantities"]![0]!["year"] = 1999), HttpStatusCode.BadRequest, "/properties/quantities/0/year", "outOfRange"),
        ["year after 2100"] = new(With(p => p["commissioningYear"] = 2101), HttpStatusCode.BadRequest, "/properties/commissioningYear", "outOfRange"),
        ["unknown sector"] = new(With(p => p["sector"] = "space"), HttpStatusCode.BadRequest, "/properties/sector", "unknownCode"),
        ["unknown certainty"] = new(With(p => p["certainty"] = "likely"), HttpStatusCode.BadRequest, "/properties/certainty", "unknownCode"),
        ["unknown unit"] = new(With(p => p["quantities"]![0]!["unit"] = "houses"), HttpStatusCode.BadRequest, "/properties/quantities/0/unit", "unknownCode"),
        ["missing name"] = new(With(p => p.Remove("name")), HttpStatusCode.BadRequest, "/properties/name", "required"),
        ["missing externalId"] = new(With(p => p.Remove("externalId")), HttpStatusCode.BadRequest, "/properties/externalId", "required"),
        ["missing quantities"] = new(With(p => p.Remove("quantities")), HttpStatusCode.BadRequest, "/properties/quantities", "required"),
        ["unknown property"] = new(With(p => p["colour"] = "red"), HttpStatusCode.BadRequest, "/properties/colour", "unknownProperty"),
        ["min above value"] = new(With(p => p["quantities"]![1]!["min"] = 400), HttpStatusCode.BadRequest, "/properties/quantities/1/min", "invalidRange"),
        ["wrong content type"] = new(With(p => { }), HttpStatusCode.UnsupportedMediaType, null, null, ContentType: "text/plain"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    private static HttpContent Content(Case c, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(c.ContentType);
        if (c.Crs is not null) content.Headers.Add("Content-Crs", c.Crs);
        return content;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_single_development_with_bad_input_is_rejected_and_nothing_is_stored(string name)
    {
        var c = Cases[name];
        var before = await StoreCounts.Of(hub);
        var response = await hub.Client("GM0344").PostAsync("/api/v1/developments", Content(c, c.Body));
        var problem = await response.Problem(c.Status);
        if (c.Code is not null) Assert.Contains(problem.Errors(), e => e["code"]!.GetValue<string>() == c.Code && (c.Pointer is null || e["pointer"]!.GetValue<string>() == c.Pointer));
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task An_import_with_the_same_bad_feature_among_good_ones_is_rejected_whole(string name)
    {
        var c = Cases[name];
        var good = Text(Point("good-" + Id(), 5.13, 52.09));
        // The bad feature goes second, so that per-feature pointers carry its index.
        var body = c.Body.StartsWith("{\"type\":\"Feature\"") && c.Code != "malformedJson" && c.Code != "tooDeep"
            ? $"{{\"type\":\"FeatureCollection\",\"features\":[{good},{c.Body}]}}"
            : $"{{\"type\":\"FeatureCollection\",\"features\":[{good},{c.Body}";
        if (c.Code == "tooDeep") body = $"{{\"type\":\"FeatureCollection\",\"features\":[{good},{c.Body}]}}";
        var before = await StoreCounts.Of(hub);
        var response = await hub.Client("GM0344").PostAsync("/api/v1/development-imports", Content(c, body));
        var problem = await response.Problem(c.Status);
        if (c.Code is not null)
        {
            var expectedPointer = c.Pointer is null || c.Pointer == "" ? c.Pointer : "/features/1" + c.Pointer;
            Assert.Contains(problem.Errors(), e => e["code"]!.GetValue<string>() == c.Code && (expectedPointer is null || e["pointer"]!.GetValue<string>() == expectedPointer));
        }
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_an_empty_one_400()
    {
        var before = await StoreCounts.Of(hub);
        var huge = With(p => p["description"] = new string('x', 3 * 1024 * 1024));
        await (await hub.Client("GM0344").PostAsync("/api/v1/developments", Http.GeoJson(huge))).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await hub.Client("GM0344").PostAsync("/api/v1/developments", Http.GeoJson(""))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task Every_error_of_a_feature_is_listed_not_only_the_first()
    {
        var body = With(p => { p["sector"] = "space"; p["certainty"] = "likely"; p.Remove("name"); p["quantities"]![0]!["value"] = -3; });
        var problem = await (await hub.Client("GM0344").PostAsync("/api/v1/developments", Http.GeoJson(body))).Problem(HttpStatusCode.BadRequest);
        var pointers = problem.Errors().Select(e => e["pointer"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "/properties/sector", "/properties/certainty", "/properties/name", "/properties/quantities/0/value" }, pointers);
        Assert.Contains("4 errors", problem["detail"]!.GetValue<string>());
    }
}

public sealed class BadInputOnSqlite(SqliteHub hub) : BadInputTests(hub), IClassFixture<SqliteHub>;

public sealed class BadInputOnPostgis(PostgresHub hub) : BadInputTests(hub), IClassFixture<PostgresHub>;
