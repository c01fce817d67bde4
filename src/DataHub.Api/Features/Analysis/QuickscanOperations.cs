using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Analysis;

/// <summary>Running a quickscan ("is there grid capacity here?") for the caller's organisation, and keeping it for that organisation only.</summary>
public sealed class QuickscanWrites(DataHubDb db, GridModelCache models, AuditTrail audit, DevelopmentStore store, IOptions<DataHubOptions> options)
{
    /// <summary>Reads the request (in <paramref name="crs"/>), evaluates it against the caller's view of the grid, stores and returns it.</summary>
    public async Task<Outcome<QuickscanResponse>> CreateAsync(AccessScope scope, JsonElement document, Crs crs, CancellationToken ct)
    {
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        var errors = new ErrorCollector();
        var request = QuickscanContracts.Read(document, crs, errors);
        if (request is null) return Problems.Validation(errors.Errors, "The quickscan is not valid");
        var rules = RuleSetCatalogue.Instance.Default;
        var (offtake, feedIn) = request.Value.Quantity is { } q
            ? (rules.RulesFor(request.Value.Kind, q.Unit).Where(r => r.Carrier == "electricity").Sum(r => (r.PeakOfftakeMw ?? 0) * q.Value),
               rules.RulesFor(request.Value.Kind, q.Unit).Where(r => r.Carrier == "electricity").Sum(r => (r.PeakFeedInMw ?? 0) * q.Value))
            : (request.Value.PeakOfftakeMw ?? 0, request.Value.PeakFeedInMw ?? 0);
        if (request.Value.Quantity is { } qq && !rules.RulesFor(request.Value.Kind, qq.Unit).Any())
            return Problems.Validation([new FieldError("/quantity/unit", "noRule",
                $"the rule set {rules.Id} has no rule for {request.Value.Kind} in {qq.Unit}; state peakOfftakeMw or peakFeedInMw instead")]);

        var model = await models.CurrentAsync(db, ct);
        var view = AnalysisView.For(scope);
        var ruleSet = model.RuleSetIndex(rules.Id);
        var horizon = QuickscanContracts.Horizon;
        var outcome = Quickscan.Evaluate(model.Grid,
            area => model.Evaluate(area, view, ruleSet, request.Value.Year, request.Value.Year + horizon, Scenarios.All, contributions: false, options.Value.DisclosureControl),
            request.Value.Geometry, request.Value.Sector, offtake, feedIn, rules, request.Value.Year, horizon);
        await audit.ReadAsync(scope.Caller, view.Counted.Select(d => d.AccessRow()), "quickscan", ct);
        var now = store.Now();
        var record = new QuickscanRecord
        {
            Id = Guid.CreateVersion7(now), OwnerCode = scope.Organisation!, Subject = scope.Caller.Subject, CreatedAt = now,
            RequestJson = document.GetRawText(),
            ResultJson = JsonSerializer.Serialize(new QuickscanResponse(Guid.Empty, scope.Organisation!, now, request.Value.Kind, request.Value.Sector,
                request.Value.Year, rules.Id, offtake, feedIn, outcome), GeoJson.Options),
        };
        db.Quickscans.Add(record);
        await db.SaveChangesAsync(ct);
        return QuickscanReads.ToResponse(record);
    }
}

/// <summary>The caller's organisation's quickscans: its own only, never another's.</summary>
public sealed class QuickscanReads(DataHubDb db)
{
    public async Task<Outcome<QuickscanList>> ListAsync(AccessScope scope, CancellationToken ct)
    {
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        var rows = await db.Quickscans.AsNoTracking().Where(q => q.OwnerCode == scope.Organisation).OrderByDescending(q => q.CreatedAt).Take(1000).ToListAsync(ct);
        var items = rows.Select(ToResponse).ToList();
        return new QuickscanList(items, items.Count);
    }

    public async Task<Outcome<QuickscanResponse>> GetAsync(AccessScope scope, Guid id, CancellationToken ct)
    {
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        var row = await db.Quickscans.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id && q.OwnerCode == scope.Organisation, ct);
        return row is null ? Problems.NotFound($"There is no quickscan {id}.") : ToResponse(row);
    }

    public static QuickscanResponse ToResponse(QuickscanRecord r) =>
        JsonSerializer.Deserialize<QuickscanResponse>(r.ResultJson, GeoJson.Options)! with { Id = r.Id };
}
