using System.Text.RegularExpressions;
using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Programme;

public sealed record Finance(double? InvestmentEurMillions, string Coverage);

public sealed record Planning(int? IndicativeDelivery, string? InfrastructurePhase, string? DevelopmentsPhase);

public sealed record Party(string Organisation, string Role);

public sealed record Dependencies(IReadOnlyList<Guid> PmiekProjects, IReadOnlyList<string> MiekProjects, IReadOnlyList<string> OutsideProvince);

/// <summary>The fiche fields beyond the project list's columns (schemas/miek-project.schema.json).</summary>
public sealed record MiekFiche(IReadOnlyList<string> Sectors, IReadOnlyList<Guid> Developments, IReadOnlyList<Guid> EnergyAreas, IReadOnlyList<string> Works,
    Finance Finance, Planning Planning, IReadOnlyList<Party> Parties, string? Description, string? Narrative, string? ReasonForInclusion,
    Dependencies Dependencies, string? ExecutionAgreements, double? CapacityMw = null);

public sealed record MiekProjectRequest(Guid Cycle, string Code, string Name, Geometry? Geometry, string InfrastructureType, string Carrier,
    string ProjectType, string? Status, MiekFiche Fiche);

public sealed record MiekProjectResponse(Guid Id, string Owner, Guid Cycle, string Code, string Name, Geometry? Geometry, string InfrastructureType,
    string Carrier, string ProjectType, string Status, string ProposedBy,
    IReadOnlyList<string> Sectors, IReadOnlyList<Guid> Developments, IReadOnlyList<Guid> EnergyAreas, IReadOnlyList<string> Works, double? CapacityMw,
    Finance Finance, Planning Planning, IReadOnlyList<Party> Parties, string? Description, string? Narrative, string? ReasonForInclusion,
    Dependencies Dependencies, string? ExecutionAgreements, string? Decision, string? DecisionReason, int Version, bool Retired, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record MiekProjectList(IReadOnlyList<MiekProjectResponse> Items, int NumberReturned);

/// <summary>A project as a GeoJSON Feature: its location as geometry, every other field as a property.</summary>
public sealed record MiekProjectFeature(string Type, Guid Id, Geometry? Geometry, MiekProjectResponse Properties);

/// <summary>The projects as an RFC 7946 FeatureCollection (national ingestion, maps).</summary>
public sealed record MiekProjectCollection(string Type, IReadOnlyList<MiekProjectFeature> Features, int NumberReturned);

/// <summary>A (p)MIEK project's contract: its code lists, the pure reader of its body, and its answer.</summary>
public static partial class MiekProjectContracts
{

    private static readonly JsonSerializerOptions Stored = DevelopmentMapping.StoredJson;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}$")]
    private static partial Regex CodePattern();

    /// <summary>The fiche fields a project version stores as JSON.</summary>
    public static MiekFiche FicheOf(MiekProjectVersion p) => JsonSerializer.Deserialize<MiekFiche>(p.FicheJson, Stored)!;

    public static MiekProjectResponse ToResponse(MiekProjectVersion p, MiekAssessmentVersion? decision)
    {
        var f = FicheOf(p);
        return new(p.ProjectId, p.OwnerCode, p.CycleId, p.Code, p.Name, p.Geometry, p.InfrastructureType, p.Carrier, p.ProjectType, p.Status, p.ProposedBy,
            f.Sectors, f.Developments, f.EnergyAreas, f.Works, f.CapacityMw, f.Finance, f.Planning, f.Parties, f.Description, f.Narrative, f.ReasonForInclusion,
            f.Dependencies, f.ExecutionAgreements, decision?.Value, decision?.Rationale, p.Version, p.IsRetired, p.CreatedAt, p.ValidFrom);
    }

    /// <summary>Validates a project body's shape and codes; every error with its pointer. Pure.</summary>
    public static MiekProjectRequest? Read(JsonElement e, Crs crs, ErrorCollector errors)
    {
        if (JsonObjectReader.Open(e, errors, "a MIEK project",
            [
                "cycle", "code", "name", "geometry", "infrastructureType", "carrier", "projectType", "status", "sectors", "developments", "energyAreas", "works",
                "capacityMw", "finance", "planning", "parties", "description", "narrative", "reasonForInclusion", "dependencies", "executionAgreements",
            ],
            readOnly: ["id", "owner", "proposedBy", "version", "retired", "createdAt", "updatedAt"]) is null) return null;

        string? Text(JsonElement o, string at, string name, bool required, int max) => JsonObjectReader.Over(o, errors, at).String(name, required, max);
        string? Code(JsonElement o, string at, string name, string[] codes, bool required)
        {
            var s = Text(o, at, name, required, 100);
            if (s is not null && Array.IndexOf(codes, s) < 0) { errors.Add($"{at}/{name}", "unknownCode", $"{name} is one of {string.Join(", ", codes)}"); return null; }
            return s;
        }
        List<T> Items<T>(JsonElement o, string at, string name, Func<JsonElement, string, T?> item) where T : class
        {
            var list = new List<T>();
            if (!o.TryGetProperty(name, out var a) || a.ValueKind == JsonValueKind.Null) return list;
            if (a.ValueKind != JsonValueKind.Array) { errors.Add($"{at}/{name}", "invalidType", $"{name} is an array"); return list; }
            var i = 0;
            foreach (var x in a.EnumerateArray()) if (item(x, $"{at}/{name}/{i++}") is { } v) list.Add(v);
            return list;
        }
        string? StringItem(JsonElement x, string at, int max)
        {
            if (x.ValueKind == JsonValueKind.String && x.GetString()!.Trim() is { Length: > 0 } s && s.Length <= max) return s;
            errors.Add(at, "invalidType", $"a non-empty string of at most {max} characters");
            return null;
        }
        List<Guid> Ids(JsonElement o, string at, string name) =>
            [.. Items<object>(o, at, name, (x, p) => x.ValueKind == JsonValueKind.String && Guid.TryParse(x.GetString(), out var g) ? g : Fail(p, "invalidFormat", "an id (uuid)")).Cast<Guid>()];
        object? Fail(string at, string code, string message) { errors.Add(at, code, message); return null; }

        Guid? cycle = e.TryGetProperty("cycle", out var cy) && cy.ValueKind == JsonValueKind.String && Guid.TryParse(cy.GetString(), out var cg) ? cg : null;
        if (cycle is null) errors.Add("/cycle", e.TryGetProperty("cycle", out _) ? "invalidFormat" : "required", "cycle is the id of the province's programme cycle");
        var code = Text(e, "", "code", true, 100);
        if (code is not null && !CodePattern().IsMatch(code)) errors.Add("/code", "invalidFormat", "code is letters, digits, '.', '_' and '-', starting with a letter or digit");
        var name = Text(e, "", "name", true, 300);
        Geometry? geometry = null;
        if (e.TryGetProperty("geometry", out var g) && g.ValueKind != JsonValueKind.Null) geometry = GeoJsonGeometryReader.Read(g, crs, errors);
        var infrastructure = Code(e, "", "infrastructureType", CodeLists.InfrastructureTypes, true);
        var carrier = Code(e, "", "carrier", CodeLists.ProjectCarriers, true);
        var projectType = Code(e, "", "projectType", CodeLists.ProjectTypes, true);
        var status = Code(e, "", "status", CodeLists.ProjectStatuses, false);
        var sectors = Items(e, "", "sectors", (x, p) =>
            x.ValueKind == JsonValueKind.String && CodeLists.IsKnown(CodeLists.Sectors, x.GetString()!) ? x.GetString() : (string?)Fail(p, "unknownCode", "a sector code"));
        var developments = Ids(e, "", "developments");
        var energyAreas = Ids(e, "", "energyAreas");
        var works = Items(e, "", "works", (x, p) => StringItem(x, p, 300));
        double? capacity = null;
        if (e.TryGetProperty("capacityMw", out var cap) && cap.ValueKind != JsonValueKind.Null)
        {
            if (cap.ValueKind == JsonValueKind.Number && cap.TryGetDouble(out var c) && double.IsFinite(c) && c is >= 0 and <= 100_000) capacity = c;
            else errors.Add("/capacityMw", "invalidNumber", "the transport capacity the project adds, in MW, 0–100,000");
        }
        var f = e.TryGetProperty("finance", out var fin) ? fin : default;
        double? investment = null;
        if (f.ValueKind == JsonValueKind.Object && f.TryGetProperty("investmentEurMillions", out var inv) && inv.ValueKind != JsonValueKind.Null)
        {
            if (inv.ValueKind == JsonValueKind.Number && inv.TryGetDouble(out var d) && double.IsFinite(d) && d >= 0) investment = d;
            else errors.Add("/finance/investmentEurMillions", "invalidNumber", "the order of magnitude of the investment, in millions of euros, ≥ 0");
        }
        var coverage = f.ValueKind == JsonValueKind.Object ? Code(f, "/finance", "coverage", CodeLists.Coverages, false) : null;
        var pl = e.TryGetProperty("planning", out var plan) ? plan : default;
        int? delivery = null;
        if (pl.ValueKind == JsonValueKind.Object && pl.TryGetProperty("indicativeDelivery", out var del) && del.ValueKind != JsonValueKind.Null)
        {
            if (del.ValueKind == JsonValueKind.Number && del.TryGetInt32(out var y) && y is >= 2020 and <= 2100) delivery = y;
            else errors.Add("/planning/indicativeDelivery", "outOfRange", "the indicative year of delivery, 2020–2100");
        }
        var infraPhase = pl.ValueKind == JsonValueKind.Object ? Code(pl, "/planning", "infrastructurePhase", CodeLists.Phases, false) : null;
        var devPhase = pl.ValueKind == JsonValueKind.Object ? Code(pl, "/planning", "developmentsPhase", CodeLists.Phases, false) : null;
        var parties = Items(e, "", "parties", (x, p) =>
        {
            var org = Text(x, p, "organisation", true, 200);
            var role = Text(x, p, "role", true, 200);
            return org is null || role is null ? null : new Party(org, role);
        });
        var dep = e.TryGetProperty("dependencies", out var dp) ? dp : default;
        var dependencies = dep.ValueKind == JsonValueKind.Object
            ? new Dependencies(Ids(dep, "/dependencies", "pmiekProjects"), Items(dep, "/dependencies", "miekProjects", (x, p) => StringItem(x, p, 300)),
                Items(dep, "/dependencies", "outsideProvince", (x, p) => StringItem(x, p, 300)))
            : new Dependencies([], [], []);
        foreach (var (name2, element) in new[] { ("finance", f), ("planning", pl), ("dependencies", dep) })
            if (element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Null))
                errors.Add("/" + name2, "invalidType", $"{name2} is an object");
        var fiche = new MiekFiche(sectors, developments, energyAreas, works, new Finance(investment, coverage ?? "unknown"), new Planning(delivery, infraPhase, devPhase),
            parties, Text(e, "", "description", false, 4000), Text(e, "", "narrative", false, 8000), Code(e, "", "reasonForInclusion", CodeLists.Reasons, false),
            dependencies, Text(e, "", "executionAgreements", false, 4000), capacity);
        return errors.HasErrors ? null : new MiekProjectRequest(cycle!.Value, code!, name!, geometry, infrastructure!, carrier!, projectType!, status, fiche);
    }
}
