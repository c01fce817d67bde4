using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Spatial;
using Microsoft.OpenApi;

namespace DataHub.Api.Features.Analysis;

public sealed record VariantResponse(Guid Id, string Owner, string Name, IReadOnlyList<VariantChange> Changes, DateTime CreatedAt);

public sealed record VariantList(IReadOnlyList<VariantResponse> Items, int NumberReturned);

public sealed record ComparedVariant(string Id, string Name, VariantSummary Summary);

public sealed record VariantComparison(string Scenario, int FromYear, int ToYear, string RuleSet, IReadOnlyList<ComparedVariant> Variants);

/// <summary>
/// Development variants (what-if): the current data plus changes, compared side by side. Variants are kept for the
/// organisation that made them; they are computed over the developments that organisation may see in detail.
/// </summary>
public static class VariantEndpoints
{
    public static RouteGroupBuilder MapVariants(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/variants").WithTags("Analysis");
        g.MapPost("", Create).WithName("createVariant").RequireGate(RoleGates.SignedIn)
            .WithSummary("A named variant: shift, scale, move or drop developments; add capacity to energy areas")
            .Accepts<object>("application/json").WithHeader("Content-Crs", "CRS of moveTo geometries")
            .WithProblems(400, 401, 413, 415);
        g.MapGet("", List).WithName("listVariants").RequireGate(RoleGates.SignedIn).WithSummary("The caller's organisation's variants").WithProblems(400, 401);
        g.MapGet("/{id:guid}", Get).WithName("getVariant").RequireGate(RoleGates.SignedIn).WithSummary("One variant").WithProblems(400, 401, 404);
        g.MapGet("/{id:guid}/comparison", Compare).WithName("compareVariants").RequireGate(RoleGates.SignedIn)
            .WithSummary("Bottleneck count, total shortfall, first congested year per area and developments delayed, side by side")
            .WithProblems(400, 401, 404);
        return api;
    }

    private static async Task<Results<Created<VariantResponse>, ProblemResult>> Create(HttpContext http, VariantWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Value.Limits, ["application/json"], ct);
        if (problem is not null) return problem;
        using (doc)
            return (await writes.CreateAsync(scope, doc!.RootElement, crs!, ct)).Failed(out var refused, out var created)
                ? refused : TypedResults.Created($"/api/v1/variants/{created.Id}", created);
    }

    private static async Task<Results<Ok<VariantList>, ProblemResult>> List(VariantReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.ListAsync(await access.CurrentAsync(ct), ct)).Failed(out var problem, out var list) ? problem : TypedResults.Ok(list);

    private static async Task<Results<Ok<VariantResponse>, ProblemResult>> Get(Guid id, VariantReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.GetAsync(await access.CurrentAsync(ct), id, ct)).Failed(out var problem, out var one) ? problem : TypedResults.Ok(one);

    /// <summary>The comparison's query: against what, under which scenario, over which years.</summary>
    private sealed record CompareQuery(
        [property: FromQuery(Name = "with"), Description("other variant ids, comma-separated, or base (default)")] string? With,
        [property: FromQuery(Name = "scenario"), Description("committed, expected (default) or ambition")] string? Scenario,
        [property: FromQuery(Name = "fromYear"), Description("first year (default 2025)")] int? FromYear,
        [property: FromQuery(Name = "toYear"), Description("last year (default 2040)")] int? ToYear);

    private static async Task<Results<Ok<VariantComparison>, ProblemResult>> Compare(Guid id, [AsParameters] CompareQuery q, VariantReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.CompareAsync(await access.CurrentAsync(ct), id, q.With, q.Scenario, q.FromYear, q.ToYear, ct)).Failed(out var problem, out var comparison)
            ? problem : TypedResults.Ok(comparison);
}

/// <summary>Reading a variant document: pure, for every surface.</summary>
public static class VariantContracts
{
    /// <summary>Validates a variant body; every error with its pointer. Pure.</summary>
    public static (string? Name, List<VariantChange> Changes) Read(JsonElement e, Crs crs, ErrorCollector errors)
    {
        var changes = new List<VariantChange>();
        if (e.ValueKind != JsonValueKind.Object) { errors.Add("", "invalidType", "a variant is a JSON object {name, changes}"); return (null, changes); }
        var name = e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString()!.Trim().Length is > 0 and <= 200 ? n.GetString()!.Trim() : null;
        if (name is null) errors.Add("/name", "required", "name is a non-empty string of at most 200 characters");
        if (!e.TryGetProperty("changes", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("/changes", "required", "changes is an array");
            return (name, changes);
        }
        var i = 0;
        foreach (var c in list.EnumerateArray())
        {
            var at = $"/changes/{i++}";
            if (c.ValueKind != JsonValueKind.Object) { errors.Add(at, "invalidType", "a change is an object"); continue; }
            Guid? development = c.TryGetProperty("development", out var d) && d.ValueKind == JsonValueKind.String && Guid.TryParse(d.GetString(), out var g) ? g : null;
            var area = c.TryGetProperty("area", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            if ((development is null) == (area is null))
            {
                errors.Add(at, "invalidChange", "a change names either a development (id) or an area (short code)");
                continue;
            }
            int? shift = c.TryGetProperty("shiftYears", out var sy) ? (sy.ValueKind == JsonValueKind.Number && sy.TryGetInt32(out var syv) && Math.Abs(syv) <= 50 ? syv : Bad<int>(at + "/shiftYears", "a whole number of years, at most 50")) : null;
            double? scale = c.TryGetProperty("scale", out var sc) ? (sc.ValueKind == JsonValueKind.Number && sc.TryGetDouble(out var scv) && scv >= 0 && scv <= 100 ? scv : Bad<double>(at + "/scale", "a factor from 0 to 100")) : null;
            var drop = c.TryGetProperty("drop", out var dr) && dr.ValueKind == JsonValueKind.True;
            var move = c.TryGetProperty("moveTo", out var mv) ? GeoJsonGeometryReader.Read(mv, crs, errors, at + "/moveTo") : null;
            List<CapacityYear>? capacity = null;
            if (c.TryGetProperty("addCapacity", out var ac))
            {
                capacity = [];
                if (ac.ValueKind != JsonValueKind.Array) errors.Add(at + "/addCapacity", "invalidType", "addCapacity is an array of {year, offtakeMw, feedInMw}");
                else
                {
                    var k = 0;
                    foreach (var y in ac.EnumerateArray())
                    {
                        var yat = $"{at}/addCapacity/{k++}";
                        var ok = y.ValueKind == JsonValueKind.Object && y.TryGetProperty("year", out var yy) && yy.TryGetInt32(out var year) && year is >= 2000 and <= 2100
                            & y.TryGetProperty("offtakeMw", out var o) && o.ValueKind == JsonValueKind.Number
                            & y.TryGetProperty("feedInMw", out var fi) && fi.ValueKind == JsonValueKind.Number;
                        if (!ok) { errors.Add(yat, "invalidValue", "{year (2000–2100), offtakeMw, feedInMw} with numbers"); continue; }
                        capacity.Add(new CapacityYear(y.GetProperty("year").GetInt32(), y.GetProperty("offtakeMw").GetDouble(), y.GetProperty("feedInMw").GetDouble()));
                    }
                }
            }
            if (development is not null && shift is null && scale is null && !drop && move is null)
                errors.Add(at, "invalidChange", "a development change shifts (shiftYears), scales (scale), moves (moveTo) or drops (drop: true)");
            if (area is not null && capacity is null) errors.Add(at + "/addCapacity", "required", "an area change adds capacity (addCapacity)");
            changes.Add(new VariantChange(development, shift, scale, drop, move, area, capacity));
        }
        return (name, changes);

        T? Bad<T>(string pointer, string what) where T : struct
        {
            errors.Add(pointer, "invalidValue", $"{pointer.Split('/')[^1]} is {what}");
            return null;
        }
    }
}
