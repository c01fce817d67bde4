using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Analysis;

/// <summary>Keeping a named what-if variant for the caller's organisation.</summary>
public sealed class VariantWrites(DataHubDb db, DevelopmentStore store)
{
    public async Task<Outcome<VariantResponse>> CreateAsync(AccessScope scope, JsonElement document, Crs crs, CancellationToken ct)
    {
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        var errors = new ErrorCollector();
        var (name, changes) = VariantContracts.Read(document, crs, errors);
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
            Id = Guid.CreateVersion7(now), OwnerCode = scope.Organisation!, Name = name!, CreatedAt = now,
            ChangesJson = JsonSerializer.Serialize(changes, GeoJson.Options),
        };
        db.Variants.Add(record);
        await db.SaveChangesAsync(ct);
        return VariantReads.ToResponse(record);
    }
}

/// <summary>
/// Development variants (what-if): the current data plus changes, compared side by side. Variants are kept for the
/// organisation that made them; they are computed over the developments that organisation may see in detail.
/// </summary>
public sealed class VariantReads(DataHubDb db, ISpatialQuery spatial, GridAnalysisReads analysis)
{
    public async Task<Outcome<VariantList>> ListAsync(AccessScope scope, CancellationToken ct)
    {
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        var items = (await db.Variants.AsNoTracking().Where(v => v.OwnerCode == scope.Organisation).OrderBy(v => v.CreatedAt).ToListAsync(ct)).Select(ToResponse).ToList();
        return new VariantList(items, items.Count);
    }

    public async Task<Outcome<VariantResponse>> GetAsync(AccessScope scope, Guid id, CancellationToken ct)
    {
        var own = await OwnAsync(scope, id, ct);
        return own.Problem is { } p ? p : ToResponse(own.Value!);
    }

    /// <summary>The variant against the base (and other variants of the caller's): bottlenecks, shortfall, first congested year per area.</summary>
    public async Task<Outcome<VariantComparison>> CompareAsync(AccessScope scope, Guid id, string? with, string? scenario, int? fromYear, int? toYear, CancellationToken ct)
    {
        var own = await OwnAsync(scope, id, ct);
        if (own.Problem is { } notOwn) return notOwn;
        var s = scenario ?? Scenarios.Expected;
        var (window, errors) = AnalysisWindow.Read(null, s, fromYear, toYear);
        if (window is null) return Problems.Validation(errors);
        var others = new List<VariantRecord?>();
        foreach (var part in (with ?? "base").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "base") { others.Add(null); continue; }
            if (!Guid.TryParse(part, out var otherId)) return Problems.Validation([new FieldError("", "invalidFormat", $"'{part}' is not a variant id or base") { Parameter = "with" }]);
            var other = await OwnAsync(scope, otherId, ct);
            if (other.Problem is { } p) return p;
            others.Add(other.Value);
        }
        var rules = window.Rules;
        var (_, areas, developments) = await analysis.PlacedAsync(scope, spatial, ct);
        ComparedVariant Run(VariantRecord? v)
        {
            var changes = v is null ? [] : Changes(v);
            var (a, d) = Variants.Apply(areas, developments, changes);
            var bottlenecks = GridAnalysis.Bottlenecks(GridAnalysis.Loads(a, d, rules, window.From, window.To, [s]));
            return new ComparedVariant(v?.Id.ToString() ?? "base", v?.Name ?? "current data", Variants.Summarise(a, bottlenecks, changes));
        }
        return new VariantComparison(s, window.From, window.To, rules.Id, [Run(own.Value), .. others.Select(Run)]);
    }

    private async Task<Outcome<VariantRecord>> OwnAsync(AccessScope scope, Guid id, CancellationToken ct)
    {
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        var row = await db.Variants.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.OwnerCode == scope.Organisation, ct);
        return row is null ? Problems.NotFound($"There is no variant {id}.") : row;
    }

    private static List<VariantChange> Changes(VariantRecord r) => JsonSerializer.Deserialize<List<VariantChange>>(r.ChangesJson, GeoJson.Options)!;

    public static VariantResponse ToResponse(VariantRecord r) => new(r.Id, r.OwnerCode, r.Name, Changes(r), r.CreatedAt);
}
