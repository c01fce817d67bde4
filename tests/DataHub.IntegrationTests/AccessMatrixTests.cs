namespace DataHub.IntegrationTests;

/// <summary>
/// The access matrix, kept as data: record visibility × agreement state × caller × endpoint. Each row says whether the
/// caller sees the record and whether it sees its sensitive properties (contact, stated energy). One leaked record or
/// property fails the build. Every surface that shows a development (REST, GraphQL, OGC API) is in <see cref="Endpoints"/>.
/// </summary>
public abstract class AccessMatrixTests(Hub hub)
{
    private const string Owner = "CLUSTER6";
    private const string Recipient = "PV26";   // named in the agreement
    private const string Other = "PV27";       // same organisation type, not named

    /// <summary>
    /// visibility, agreement, caller → sees, sensitive. Written out by hand, not computed by the policy.
    /// Callers: owner (CLUSTER6, a sector party; Submitter + OrgAdmin), recipient (PV26, a province; Reader),
    /// coordinator (PV26 as ProgrammeCoordinator + Submitter: roles do not widen what a reader sees), other (PV27, a
    /// province not named), gemeente (GM0344, another organisation type), anonymous.
    /// Agreements name PV26, except detailByType, which names the organisation type "provincie".
    /// </summary>
    public static readonly string[] Matrix =
    [
        "public       none          owner      yes yes",
        "public       none          recipient  yes no",
        "public       none          other      yes no",
        "public       none          anonymous  yes no",
        "public       detail        recipient  yes yes",
        "public       detail        other      yes no",
        "public       detail        anonymous  yes no",
        "public       aggregateOnly recipient  yes no",
        "public       expired       recipient  yes no",
        "public       revoked       recipient  yes no",
        "public       detailByType  other      yes yes",
        "public       detailByType  gemeente   yes no",
        "shared       none          owner      yes yes",
        "shared       none          recipient  no  no",
        "shared       none          other      no  no",
        "shared       none          anonymous  no  no",
        "shared       detail        owner      yes yes",
        "shared       detail        recipient  yes yes",
        "shared       detail        other      no  no",
        "shared       detail        anonymous  no  no",
        "shared       aggregateOnly recipient  no  no",
        "shared       aggregateOnly other      no  no",
        "shared       expired       recipient  no  no",
        "shared       revoked       recipient  no  no",
        "shared       detail        coordinator yes yes",
        "shared       detail        gemeente   no  no",
        "shared       aggregateOnly coordinator no  no",
        "shared       detailByType  recipient  yes yes",
        "shared       detailByType  other      yes yes",
        "shared       detailByType  gemeente   no  no",
        "shared       detailByType  anonymous  no  no",
        "confidential none          owner      yes yes",
        "confidential none          recipient  no  no",
        "confidential none          anonymous  no  no",
        "confidential detail        owner      yes yes",
        // Confidential records open in detail only to organisations an active detail agreement names by code.
        "confidential detail        recipient  yes yes",
        "confidential detail        coordinator yes yes",
        "confidential detail        other      no  no",
        "confidential detail        gemeente   no  no",
        "confidential detail        anonymous  no  no",
        "confidential aggregateOnly recipient  no  no",
        "confidential aggregateOnly other      no  no",
        "confidential expired       recipient  no  no",
        "confidential revoked       recipient  no  no",
        // … never through an organisation-type recipient ("all provinces"), not even the type's named members.
        "confidential detailByType  recipient  no  no",
        "confidential detailByType  other      no  no",
        "confidential detailByType  gemeente   no  no",
    ];

    public static readonly string[] Endpoints = ["get", "list", "versions", "graphqlGet", "graphqlList", "ogcItem", "ogcItems", "ogcExport", "ogcTile"];

    public static TheoryData<string, string> Setups()
    {
        var data = new TheoryData<string, string>();
        foreach (var (v, a) in Matrix.Select(Parse).Select(r => (r.Visibility, r.Agreement)).Distinct()) data.Add(v, a);
        return data;
    }

    private static (string Visibility, string Agreement, string Caller, bool Sees, bool Sensitive) Parse(string row)
    {
        var p = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (p[0], p[1], p[2], p[3] == "yes", p[4] == "yes");
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Every_cell_of_the_matrix_holds_on_every_endpoint(string visibility, string agreement)
    {
        var owner = hub.Client(Owner, "Submitter", "OrgAdmin");
        var ext = Id();
        var feature = Point(ext, 5.09, 52.03, p =>
        {
            p["visibility"] = visibility;
            p["energy"] = new JsonArray(new JsonObject { ["year"] = 2030, ["carrier"] = "electricity", ["peakOfftakeMw"] = 7.5 });
        });
        var created = await owner.PostAsync("/api/v1/developments", Http.GeoJson(feature));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Body())["id"]!.GetValue<string>();
        await MakeAgreement(owner, agreement, id);

        foreach (var (_, _, callerKind, sees, sensitive) in Matrix.Select(Parse).Where(r => r.Visibility == visibility && r.Agreement == agreement))
        {
            var client = callerKind switch
            {
                "owner" => owner,
                "recipient" => hub.Client(Recipient, "Reader"),
                "coordinator" => hub.Client(Recipient, "ProgrammeCoordinator", "Submitter"),
                "other" => hub.Client(Other, "Reader"),
                "gemeente" => hub.Client("GM0344", "Reader"),
                _ => hub.Client(),
            };
            foreach (var endpoint in Endpoints)
            {
                var cell = $"{visibility} × {agreement} × {callerKind} × {endpoint}";
                var shown = await Fetch(client, endpoint, id, ext);
                Assert.True(sees == (shown is not null), $"{cell}: expected {(sees ? "visible" : "hidden")}");
                if (shown is null) continue;
                var props = shown["properties"]!;
                if (endpoint.StartsWith("ogc", StringComparison.Ordinal))
                {
                    // GIS layers carry flat columns and never the sensitive ones, whoever asks.
                    Assert.True(props["energy"] is null && props["contact"] is null && props["source"] is null, $"{cell}: a sensitive property in a GIS layer");
                    continue;
                }
                var hasContact = props["source"]?["contact"] is not null;
                var hasEnergy = props["energy"]!.AsArray().Count > 0;
                Assert.True(sensitive == hasContact, $"{cell}: contact {(sensitive ? "withheld" : "leaked")}");
                Assert.True(sensitive == hasEnergy, $"{cell}: stated energy {(sensitive ? "withheld" : "leaked")}");
                Assert.True(sensitive == props["withheld"] is null, $"{cell}: withheld marker wrong");
            }
        }
    }

    /// <summary>The record as the endpoint shows it, or null when the endpoint hides it (and hides it the way a missing record is hidden).</summary>
    private static async Task<JsonNode?> Fetch(HttpClient client, string endpoint, string id, string ext)
    {
        switch (endpoint)
        {
            case "get":
            {
                var r = await client.GetAsync($"/api/v1/developments/{id}");
                if (r.StatusCode == HttpStatusCode.NotFound) { await AssertLikeMissing(r, id); return null; }
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                return await r.Body();
            }
            case "list":
            {
                var body = await (await client.GetAsync($"/api/v1/developments?externalId={ext}&owner={Owner}")).Body();
                var count = body["numberMatched"]!.GetValue<int>();
                Assert.Equal(count, body["features"]!.AsArray().Count); // never a count that betrays a hidden record
                return count == 0 ? null : body["features"]![0];
            }
            case "ogcItem":
            {
                var r = await client.GetAsync($"/ogc/v1/collections/developments/items/{id}");
                if (r.StatusCode == HttpStatusCode.NotFound) return null;
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                return await r.Body();
            }
            case "ogcItems":
            {
                var body = await (await client.GetAsync($"/ogc/v1/collections/developments/items?externalId={ext}&owner={Owner}")).Body();
                var count = body["numberMatched"]!.GetValue<int>();
                Assert.Equal(count, body["features"]!.AsArray().Count); // never a count that betrays a hidden record
                return count == 0 ? null : body["features"]![0];
            }
            case "ogcTile":
            {
                // The zoom-12 tile around the record (5.09°E, 52.03°N), decoded; the record's attributes as a Feature's properties.
                const int z = 12;
                var x = (int)Math.Floor((5.09 + 180) / 360 * (1 << z));
                var lat = 52.03 * Math.PI / 180;
                var y = (int)Math.Floor((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * (1 << z));
                var r = await client.GetAsync($"/ogc/v1/collections/developments/tiles/WebMercatorQuad/{z}/{y}/{x}?externalId={ext}");
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                var tile = new NetTopologySuite.IO.VectorTiles.Mapbox.MapboxTileReader().Read(await r.Content.ReadAsStreamAsync(), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));
                var feature = tile.Layers.SelectMany(l => l.Features).FirstOrDefault(f => f.Attributes.Exists("externalId") && (string)f.Attributes["externalId"] == ext);
                if (feature is null) return null;
                var properties = new JsonObject();
                foreach (var name in feature.Attributes.GetNames()) properties[name] = feature.Attributes[name]?.ToString();
                return new JsonObject { ["properties"] = properties };
            }
            case "ogcExport":
            {
                var r = await client.GetAsync($"/ogc/v1/collections/developments/export?externalId={ext}&owner={Owner}&f=geojson");
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                return JsonNode.Parse(await r.Content.ReadAsStringAsync())!["features"]!.AsArray().FirstOrDefault();
            }
            case "graphqlGet":
            case "graphqlList":
            {
                const string Fields = "id withheld energy { year carrier peakOfftakeMw } source { contact { name email phone } }";
                var query = endpoint == "graphqlGet" ? $$"""{ d: development(id: "{{id}}") { {{Fields}} } }"""
                    : $$"""{ l: developments(externalId: "{{ext}}", owner: "{{Owner}}") { totalCount nodes { {{Fields}} } } }""";
                var r = await client.PostAsync("/api/v1/graphql", new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"));
                var answer = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
                Assert.True(answer["errors"] is null, answer["errors"]?.ToJsonString());
                JsonNode? node;
                if (endpoint == "graphqlGet") node = answer["data"]!["d"];
                else
                {
                    var l = answer["data"]!["l"]!;
                    Assert.Equal(l["totalCount"]!.GetValue<int>(), l["nodes"]!.AsArray().Count); // never a count that betrays a hidden record
                    node = l["nodes"]!.AsArray().FirstOrDefault();
                }
                if (node is null) return null;
                // Shaped as REST's properties, so the same assertions hold: contact present only with detail access.
                var props = JsonNode.Parse(node.ToJsonString())!.AsObject();
                if (props["source"]?["contact"] is JsonObject contact && contact.All(kv => kv.Value is null)) props["source"]!.AsObject().Remove("contact");
                if (props["withheld"] is null) props.Remove("withheld");
                return new JsonObject { ["properties"] = props };
            }
            default:
            {
                var r = await client.GetAsync($"/api/v1/developments/{id}/versions");
                if (r.StatusCode == HttpStatusCode.NotFound) { await AssertLikeMissing(r, id); return null; }
                return (await r.Body())["features"]![0];
            }
        }
    }

    /// <summary>A hidden record's 404 has the same shape as a missing one's: only the id differs.</summary>
    private static async Task AssertLikeMissing(HttpResponseMessage hidden, string id)
    {
        var body = (await hidden.Content.ReadAsStringAsync()).Replace(id, "ID");
        var missingId = Guid.NewGuid().ToString();
        Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("belongs", body);
        Assert.DoesNotContain("visib", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"status\":404", body);
        _ = missingId;
    }

    private async Task MakeAgreement(HttpClient owner, string state, string recordId)
    {
        if (state == "none") return;
        var agreement = new JsonObject
        {
            ["recipients"] = new JsonArray(state == "detailByType"
                ? new JsonObject { ["organisationType"] = "provincie" }
                : new JsonObject { ["organisation"] = Recipient }),
            ["scope"] = new JsonObject { ["records"] = new JsonArray(recordId) },
            ["level"] = state == "aggregateOnly" ? "aggregateOnly" : "detail",
            ["purpose"] = "pMIEK 2027",
            ["validFrom"] = state == "expired" ? "2020-01-01" : "2026-01-01",
            ["validTo"] = state == "expired" ? "2021-12-31" : "2030-12-31",
            ["status"] = "active",
        };
        var created = await owner.PostAsync("/api/v1/sharing-agreements", new StringContent(agreement.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        if (state == "revoked")
        {
            var id = (await created.Body())["id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.NoContent, (await owner.Send(HttpMethod.Delete, $"/api/v1/sharing-agreements/{id}", null, "\"1\"")).StatusCode);
        }
    }

    [Fact]
    public async Task A_hidden_record_and_a_missing_one_answer_alike()
    {
        var owner = hub.Client(Owner, "Submitter");
        var id = (await (await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), props: p => p["visibility"] = "confidential")))).Body())["id"]!.GetValue<string>();
        var missing = Guid.NewGuid().ToString();
        var other = hub.Client(Other, "Reader");
        foreach (var suffix in new[] { "", "/versions" })
        {
            var a = await other.GetAsync($"/api/v1/developments/{id}{suffix}");
            var b = await other.GetAsync($"/api/v1/developments/{missing}{suffix}");
            Assert.Equal(b.StatusCode, a.StatusCode);
            Assert.Equal((await b.Content.ReadAsStringAsync()).Replace(missing, "ID"), (await a.Content.ReadAsStringAsync()).Replace(id, "ID"));
        }
    }
}

public sealed class AccessMatrixOnSqlite(SqliteHub hub) : AccessMatrixTests(hub), IClassFixture<SqliteHub>;

public sealed class AccessMatrixOnPostgis(PostgresHub hub) : AccessMatrixTests(hub), IClassFixture<PostgresHub>;
