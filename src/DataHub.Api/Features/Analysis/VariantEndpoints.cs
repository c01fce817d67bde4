using System.Text.Json;
using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Http;
using DataHub.Api.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
        g.MapPost("", Create).WithName("createVariant")
            .WithSummary("A named variant: shift, scale, move or drop developments; add capacity to energy areas")
            .Accepts<object>("application/json").WithHeader("Content-Crs", "CRS of moveTo geometries")
            .Produces<VariantResponse>(201).WithProblems(400, 401, 413, 415);
        g.MapGet("", List).WithName("listVariants").WithSummary("The caller's organisation's variants").Produces<VariantList>().WithProblems(400, 401);
        g.MapGet("/{id:guid}", Get).WithName("getVariant").WithSummary("One variant").Produces<VariantResponse>().WithProblems(400, 401, 404);
        g.MapGet("/{id:guid}/comparison", Compare).WithName("compareVariants")
            .WithSummary("Bottleneck count, total shortfall, first congested year per area and developments delayed, side by side")
            .WithQuery("with", "other variant ids, comma-separated, or base (default)")
            .WithQuery("scenario", "committed, expected (default) or ambition")
            .WithQuery("fromYear", "first year (default 2025)", JsonSchemaType.Integer).WithQuery("toYear", "last year (default 2040)", JsonSchemaType.Integer)
            .Produces<VariantComparison>().WithProblems(400, 401, 404);
        return api;
    }

    public static async Task<IResult> Create(HttpContext http, DataHubDb db, AccessScopes access, DevelopmentStore store, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (scope.Organisation is null) return Problems.Unauthorized("Variants are kept for a signed-in organisation.");
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Value.Limits, ["application/json"], ct);
        if (problem is not null) return problem;
        using (doc)
        {
            var errors = new ErrorCollector();
            var (name, changes) = Read(doc!.RootElement, crs!, errors);
            // A change may only name a development the caller can see; others answer as missing.
            var ids = changes.Where(c => c.Development is not null).Select(c => c.Development!.Value).Distinct().ToList();
            var visible = await db.DevelopmentVersions.AsNoTracking().Where(v => v.ValidTo == null && ids.Contains(v.DevelopmentId)).VisibleTo(scope)
                .Select(v => v.DevelopmentId).ToListAsync(ct);
            for (var i = 0; i < changes.Count; i++)
                if (changes[i].Development is { } id && !visible.Contains(id))
                    errors.Add($"/changes/{i}/development", "unknownDevelopment", $"there is no development {id}");
            if (errors.HasErrors) return Problems.Validation(errors.Errors, "The variant is not valid");
            var now = store.Now();
            var record = new VariantRecord
            {
                Id = Guid.CreateVersion7(now), OwnerCode = scope.Organisation, Name = name!, CreatedAt = now,
                ChangesJson = JsonSerializer.Serialize(changes, GeoJson.Options),
            };
            db.Variants.Add(record);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/variants/{record.Id}", ToResponse(record));
        }
    }

    public static async Task<IResult> List(DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (scope.Organisation is null) return Problems.Unauthorized("Variants are kept for a signed-in organisation.");
        var items = (await db.Variants.AsNoTracking().Where(v => v.OwnerCode == scope.Organisation).OrderBy(v => v.CreatedAt).ToListAsync(ct)).Select(ToResponse).ToList();
        return TypedResults.Ok(new VariantList(items, items.Count));
    }

    public static async Task<IResult> Get(Guid id, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var (row, problem) = await OwnAsync(id, db, access, ct);
        return problem ?? (IResult)TypedResults.Ok(ToResponse(row!));
    }

    public static async Task<IResult> Compare(Guid id, string? with, string? scenario, int? fromYear, int? toYear, DataHubDb db, ISpatialQuery spatial,
        AccessScopes access, GridAnalysisReads analysis, CancellationToken ct)
    {
        var (row, problem) = await OwnAsync(id, db, access, ct);
        if (problem is not null) return problem;
        var s = scenario ?? Scenarios.Expected;
        if (Array.IndexOf(Scenarios.All, s) < 0) return Problems.Validation([new FieldError("", "unknownCode", "scenario is committed, expected or ambition") { Parameter = "scenario" }]);
        var (from, to) = (fromYear ?? 2025, toYear ?? 2040);
        if (from < DevelopmentCodes.MinYear || to > DevelopmentCodes.MaxYear || to < from)
            return Problems.Validation([new FieldError("", "outOfRange", "fromYear ≤ toYear, both 2000–2100") { Parameter = "fromYear" }]);
        var others = new List<VariantRecord?>();
        foreach (var part in (with ?? "base").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "base") { others.Add(null); continue; }
            if (!Guid.TryParse(part, out var otherId)) return Problems.Validation([new FieldError("", "invalidFormat", $"'{part}' is not a variant id or base") { Parameter = "with" }]);
            var (other, otherProblem) = await OwnAsync(otherId, db, access, ct);
            if (otherProblem is not null) return otherProblem;
            others.Add(other);
        }
        var rules = RuleSetCatalogue.Instance.Default;
        var (_, areas, developments) = await analysis.PlacedAsync(await access.CurrentAsync(ct), spatial, ct);
        ComparedVariant Run(VariantRecord? v)
        {
            var changes = v is null ? [] : Changes(v);
            var (a, d) = Variants.Apply(areas, developments, changes);
            var bottlenecks = GridAnalysis.Bottlenecks(GridAnalysis.Loads(a, d, rules, from, to, [s]));
            return new ComparedVariant(v?.Id.ToString() ?? "base", v?.Name ?? "current data", Variants.Summarise(a, bottlenecks, changes));
        }
        return TypedResults.Ok(new VariantComparison(s, from, to, rules.Id, [Run(row), .. others.Select(Run)]));
    }

    private static async Task<(VariantRecord?, ProblemResult?)> OwnAsync(Guid id, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (scope.Organisation is null) return (null, Problems.Unauthorized("Variants are kept for a signed-in organisation."));
        var row = await db.Variants.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.OwnerCode == scope.Organisation, ct);
        return row is null ? (null, Problems.NotFound($"There is no variant {id}.")) : (row, null);
    }

    private static List<VariantChange> Changes(VariantRecord r) => JsonSerializer.Deserialize<List<VariantChange>>(r.ChangesJson, GeoJson.Options)!;

    private static VariantResponse ToResponse(VariantRecord r) => new(r.Id, r.OwnerCode, r.Name, Changes(r), r.CreatedAt);

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
