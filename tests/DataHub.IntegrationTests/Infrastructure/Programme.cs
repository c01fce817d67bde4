namespace DataHub.IntegrationTests.Infrastructure;

/// <summary>Builders for the pMIEK programme used as setup by the tests: a cycle, a project, a decision.</summary>
public static class Programme
{
    /// <summary>
    /// Opens a cycle of <paramref name="scope"/> (a province code, or "national": the ministry's) through the API, as
    /// its ProgrammeCoordinator, and returns its id. The code is unique unless given.
    /// </summary>
    public static async Task<string> CycleAsync(this Hub hub, string scope = "PV26", int year = 2027, string? code = null, string name = "pMIEK")
    {
        var coordinator = hub.Client(scope == "national" ? "KGG" : scope, "ProgrammeCoordinator");
        var body = new JsonObject { ["code"] = code ?? $"c-{Features.Id()}", ["name"] = name, ["year"] = year, ["scope"] = scope };
        var created = await coordinator.PostAsync("/api/v1/programme-cycles", Json(body));
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"cycle: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return (await created.Body())["id"]!.GetValue<string>();
    }

    /// <summary>A valid project of <paramref name="cycle"/>: an HV station expansion in Houten with STEDIN as its party; <paramref name="change"/> adjusts it.</summary>
    public static JsonObject Project(string cycle, string? code = null, Action<JsonObject>? change = null)
    {
        var project = new JsonObject
        {
            ["cycle"] = cycle, ["code"] = code ?? $"p-{Features.Id()}", ["name"] = "Uitbreiding OS", ["infrastructureType"] = "hvStationExpansion",
            ["carrier"] = "electricity", ["projectType"] = "concrete", ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(5.17, 52.03) },
            ["parties"] = new JsonArray(new JsonObject { ["organisation"] = "STEDIN", ["role"] = "uitvoerder" }),
            ["finance"] = new JsonObject { ["investmentEurMillions"] = 10, ["coverage"] = "covered" },
        };
        change?.Invoke(project);
        return project;
    }

    /// <summary>Adds a project to the province's cycle as its ProgrammeCoordinator and returns its id.</summary>
    public static async Task<string> ProjectAsync(this Hub hub, string cycle, string province = "PV26", string? code = null, Action<JsonObject>? change = null)
    {
        var created = await hub.Client(province, "ProgrammeCoordinator").PostAsync("/api/v1/miek-projects", Json(Project(cycle, code, change)));
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"project: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return (await created.Body())["id"]!.GetValue<string>();
    }

    /// <summary>The province's decision on a project, with its reason.</summary>
    public static async Task DecideAsync(this Hub hub, string project, string decision, string province = "PV26", string reason = "past in de afweging") =>
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(province, "ProgrammeCoordinator").PutAsync($"/api/v1/miek-projects/{project}/decision",
            Json(new JsonObject { ["decision"] = decision, ["reason"] = reason }))).StatusCode);

    /// <summary>A project of the province's cycle (<see cref="Project"/>) with this name, type and carrier, and <paramref name="extra"/> JSON members (",\"capacityMw\":5").</summary>
    public static Task<string> ProjectNamedAsync(this Hub hub, string province, string cycle, string code, string name = "Uitbreiding OS", string extra = "",
        string type = "hvStationExpansion", string carrier = "electricity") => hub.ProjectAsync(cycle, province, code, p =>
    {
        (p["name"], p["infrastructureType"], p["carrier"]) = (name, type, carrier);
        foreach (var (key, value) in JsonNode.Parse("{" + extra.Trim().TrimStart(',') + "}")!.AsObject().ToList()) p[key] = value?.DeepClone();
    });
}
