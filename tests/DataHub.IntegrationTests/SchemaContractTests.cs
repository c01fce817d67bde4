using NJsonSchema;

namespace DataHub.IntegrationTests;

/// <summary>
/// The exchange standard in schemas/: every example validates (or fails) against its schema, and the API agrees
/// with the schema on every example — so the published standard and the hub cannot drift apart.
/// </summary>
public sealed class SchemaContractTests(SqliteHub hub) : IClassFixture<SqliteHub>
{
    public static TheoryData<string, string, bool> Examples()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var schemaDir in Directory.GetDirectories(Repository.Path("schemas", "examples")).Order())
            foreach (var kind in new[] { "valid", "invalid" })
                foreach (var file in Directory.GetFiles(Path.Combine(schemaDir, kind), "*.json").Order())
                    data.Add(Path.GetFileName(schemaDir), Path.GetFileName(file), kind == "valid");
        return data;
    }

    private static string ExamplePath(string schema, string file, bool valid) => Repository.Path("schemas", "examples", schema, valid ? "valid" : "invalid", file);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_example_validates_against_its_schema_exactly_when_it_is_listed_as_valid(string schema, string file, bool valid)
    {
        var jsonSchema = await JsonSchema.FromFileAsync(Repository.Path("schemas", $"{schema}.schema.json"));
        var errors = jsonSchema.Validate(await File.ReadAllTextAsync(ExamplePath(schema, file, valid)));
        if (valid) Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
        else Assert.NotEmpty(errors);
    }

    /// <summary>What each invalid example is wrong in: the error code and pointer the API must name for it.</summary>
    private static readonly Dictionary<string, (string Code, string Pointer)> WhyInvalid = new()
    {
        ["development-collection/empty.json"] = ("empty", "/features"),
        ["development-collection/not-a-collection.json"] = ("invalidValue", "/type"),
        ["development/missing-name.json"] = ("required", "/properties/name"),
        ["development/multipoint.json"] = ("unsupportedGeometryType", "/geometry/type"),
        ["development/negative-quantity.json"] = ("negative", "/properties/quantities/0/value"),
        ["development/ring-too-short.json"] = ("tooFewPositions", "/geometry/coordinates/0"),
        ["development/unknown-property.json"] = ("unknownProperty", "/properties/sectr"),
        ["development/unknown-sector.json"] = ("unknownCode", "/properties/sector"),
        ["development/year-out-of-range.json"] = ("outOfRange", "/properties/quantities/0/year"),
        ["miek-project/negative-capacity.json"] = ("invalidNumber", "/capacityMw"),
        ["miek-project/owner-set.json"] = ("readOnly", "/owner"),
        ["miek-project/unknown-carrier.json"] = ("unknownCode", "/carrier"),
        ["plan/owner-set.json"] = ("readOnly", "/owner"),
        ["plan/unknown-status.json"] = ("unknownCode", "/status"),
        ["programme-cycle/baseline-set.json"] = ("readOnly", "/baselineAt"),
        ["programme-cycle/unknown-scope.json"] = ("unknownCode", "/scope"),
        ["sharing-agreement/no-recipients.json"] = ("required", "/recipients"),
        ["sharing-agreement/owner-set.json"] = ("readOnly", "/owner"),
        ["sharing-agreement/unknown-level.json"] = ("unknownCode", "/level"),
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_API_accepts_exactly_the_valid_examples(string schema, string file, bool valid)
    {
        var text = await File.ReadAllTextAsync(ExamplePath(schema, file, valid));
        // Each example is submitted by an organisation of its own so that externalIds and plan codes never collide.
        // A hash that is the same in every process (string.GetHashCode is not), so a run can be repeated exactly.
        var org = $"GM0{(schema + file).Aggregate(17u, (h, c) => unchecked(h * 31 + c)) % 90 + 500:000}";
        var client = hub.Client(hub.Service(_ => DataHub.Api.Features.Organisations.ReferenceData.IsKnownOrganisation(org)) ? org : "GM0344");
        HttpResponseMessage? response = schema switch
        {
            "development" => await client.PostAsync("/api/v1/developments", Http.GeoJson(Unique(text))),
            "development-collection" => await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Unique(text))),
            "plan" => await client.PostAsync("/api/v1/plans", new StringContent(Unique(text), Encoding.UTF8, "application/json")),
            "sharing-agreement" => await hub.Client("GM0344", "OrgAdmin").PostAsync("/api/v1/sharing-agreements", new StringContent(text, Encoding.UTF8, "application/json")),
            "programme-cycle" => await hub.Client("PV26", "ProgrammeCoordinator").PostAsync("/api/v1/programme-cycles", new StringContent(Unique(text), Encoding.UTF8, "application/json")),
            "miek-project" => await hub.Client("PV26", "ProgrammeCoordinator").PostAsync("/api/v1/miek-projects", new StringContent(await InACycleAsync(Unique(text)), Encoding.UTF8, "application/json")),
            _ => null,
        };
        if (response is null)
        {
            // Organisations are read-only reference data: check the listed ones against the schema instead.
            var jsonSchema = await JsonSchema.FromFileAsync(Repository.Path("schemas", "organisation.schema.json"));
            var list = await (await hub.Client().GetAsync("/api/v1/organisations")).Body();
            foreach (var item in list["items"]!.AsArray())
                Assert.Empty(jsonSchema.Validate(item!.ToJsonString()));
            return;
        }
        var body = await response.Content.ReadAsStringAsync();
        if (valid) Assert.True(response.IsSuccessStatusCode, body);
        else
        {
            // Refused for the reason the example stands for, not for any reason (a wrong media type, a missing role…).
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
            var (code, pointer) = WhyInvalid[$"{schema}/{file}"];
            Assert.Contains(JsonNode.Parse(body)!["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == code && e["pointer"]!.GetValue<string>() == pointer);
        }
    }

    [Fact]
    public async Task What_the_API_returns_for_a_development_validates_against_the_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Repository.Path("schemas", "development.schema.json"));
        var text = await File.ReadAllTextAsync(ExamplePath("development", "woonagenda-polygon.json", true));
        var created = await hub.Client("GM0344").PostAsync("/api/v1/developments", Http.GeoJson(Unique(text)));
        var body = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Empty(schema.Validate(body));
    }

    [Fact]
    public async Task The_national_MIEK_list_the_hub_emits_validates_against_its_schema_and_a_decision_without_reason_does_not()
    {
        var schema = await JsonSchema.FromFileAsync(Repository.Path("schemas", "miek-project-list.schema.json"));
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        foreach (var file in Directory.GetFiles(Repository.Path("schemas", "examples", "miek-project", "valid"), "*.json").Order())
        {
            var created = await coordinator.PostAsync("/api/v1/miek-projects", new StringContent(await InACycleAsync(Unique(await File.ReadAllTextAsync(file))), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Body())["id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/decision",
                new StringContent("""{"decision":"notIncluded","reason":"Valt buiten de reikwijdte."}""", Encoding.UTF8, "application/json"))).StatusCode);
        }
        var list = await (await hub.Client("KGG", "NationalIngest").GetAsync("/api/v1/miek-projects?province=PV26")).Body();
        Assert.True(list["numberReturned"]!.GetValue<int>() >= 1);
        var errors = schema.Validate(list.ToJsonString());
        static IEnumerable<string> Flatten(NJsonSchema.Validation.ValidationError e) => e is NJsonSchema.Validation.ChildSchemaValidationError c
            ? c.Errors.SelectMany(kv => kv.Value).SelectMany(Flatten) : [$"{e.Path}: {e.Kind}"];
        Assert.True(errors.Count == 0, string.Join("; ", errors.SelectMany(Flatten)));
        // The schema holds the hub to its promise: a decision always travels with its reason.
        list["items"]!.AsArray().First(i => i!["decision"] is not null)!.AsObject().Remove("decisionReason");
        Assert.NotEmpty(schema.Validate(list.ToJsonString()));
    }

    /// <summary>Puts a project example into a fresh cycle of the province (examples carry a placeholder cycle id).</summary>
    private async Task<string> InACycleAsync(string json)
    {
        var cycle = new JsonObject { ["code"] = "schema-" + Guid.NewGuid().ToString("N")[..8], ["name"] = "pMIEK", ["year"] = 2027, ["scope"] = "PV26" };
        var created = await (await hub.Client("PV26", "ProgrammeCoordinator").PostAsync("/api/v1/programme-cycles",
            new StringContent(cycle.ToJsonString(), Encoding.UTF8, "application/json"))).Body();
        var node = JsonNode.Parse(json)!;
        node["cycle"] = created["id"]!.GetValue<string>();
        return node.ToJsonString();
    }

    /// <summary>Gives an example's externalIds and plan code a unique suffix, so a test can submit it more than once.</summary>
    private static string Unique(string json)
    {
        var suffix = "-" + Guid.NewGuid().ToString("N")[..8];
        var node = JsonNode.Parse(json)!;
        void Fix(JsonNode? props) { if (props?["externalId"] is JsonValue v) props["externalId"] = v.GetValue<string>() + suffix; }
        Fix(node["properties"]);
        foreach (var f in node["features"]?.AsArray() ?? []) Fix(f?["properties"]);
        if (node["code"] is JsonValue code) node["code"] = code.GetValue<string>() + suffix;
        return node.ToJsonString();
    }
}
