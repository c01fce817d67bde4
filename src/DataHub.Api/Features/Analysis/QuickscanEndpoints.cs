using System.Text.Json;
using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Http;
using DataHub.Api.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataHub.Api.Features.Analysis;

public sealed record QuickscanResponse(Guid Id, string Owner, DateTime CreatedAt, string Kind, string Sector, int Year, string RuleSet,
    double PeakOfftakeMw, double PeakFeedInMw, QuickscanOutcome Outcome);

public sealed record QuickscanList(IReadOnlyList<QuickscanResponse> Items, int NumberReturned);

/// <summary>POST /quickscans: "is there grid capacity here?" — kept for the asking organisation only.</summary>
public static class QuickscanEndpoints
{
    public const int Horizon = 10;

    public static RouteGroupBuilder MapQuickscans(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/quickscans").WithTags("Analysis");
        g.MapPost("", Create).WithName("createQuickscan")
            .WithSummary("Would a development of this kind and size fit the grid here in that year? Verdict, headroom per scenario and alternatives")
            .Accepts<object>("application/json").WithHeader("Content-Crs", "CRS of the geometry: CRS84 (default), EPSG:28992 or EPSG:4258")
            .Produces<QuickscanResponse>(201).WithProblems(400, 401, 413, 415);
        g.MapGet("", List).WithName("listQuickscans").WithSummary("The caller's organisation's quickscans, newest first")
            .Produces<QuickscanList>().WithProblems(400, 401);
        g.MapGet("/{id:guid}", Get).WithName("getQuickscan").WithSummary("One of the caller's organisation's quickscans")
            .Produces<QuickscanResponse>().WithProblems(400, 401, 404);
        return api;
    }

    public static async Task<IResult> Create(HttpContext http, DataHubDb db, GridModelCache models, AccessScopes access, AuditTrail audit,
        DevelopmentStore store, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (scope.Organisation is null) return Problems.Unauthorized("Quickscans are kept for a signed-in organisation; sign in first.");
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Value.Limits, ["application/json", "application/geo+json"], ct);
        if (problem is not null) return problem;
        using (doc)
        {
            var errors = new ErrorCollector();
            var request = Read(doc!.RootElement, crs!, errors);
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
            var outcome = Quickscan.Evaluate(model.Grid,
                area => model.Evaluate(area, view, ruleSet, request.Value.Year, request.Value.Year + Horizon, Scenarios.All, contributions: false, options.Value.DisclosureControl),
                request.Value.Geometry, request.Value.Sector, offtake, feedIn, rules, request.Value.Year, Horizon);
            await audit.ReadAsync(scope.Caller, view.Counted.Select(d => d.AccessRow()), "quickscan", ct);
            var now = store.Now();
            var record = new QuickscanRecord
            {
                Id = Guid.CreateVersion7(now), OwnerCode = scope.Organisation, Subject = scope.Caller.Subject, CreatedAt = now,
                RequestJson = doc.RootElement.GetRawText(),
                ResultJson = JsonSerializer.Serialize(new QuickscanResponse(Guid.Empty, scope.Organisation, now, request.Value.Kind, request.Value.Sector,
                    request.Value.Year, rules.Id, offtake, feedIn, outcome), GeoJson.Options),
            };
            db.Quickscans.Add(record);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/quickscans/{record.Id}", ToResponse(record));
        }
    }

    public static async Task<IResult> List(HttpContext http, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (scope.Organisation is null) return Problems.Unauthorized("Quickscans are kept for a signed-in organisation.");
        var rows = await db.Quickscans.AsNoTracking().Where(q => q.OwnerCode == scope.Organisation).OrderByDescending(q => q.CreatedAt).Take(1000).ToListAsync(ct);
        var items = rows.Select(ToResponse).ToList();
        return TypedResults.Ok(new QuickscanList(items, items.Count));
    }

    public static async Task<IResult> Get(Guid id, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (scope.Organisation is null) return Problems.Unauthorized("Quickscans are kept for a signed-in organisation.");
        var row = await db.Quickscans.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id && q.OwnerCode == scope.Organisation, ct);
        return row is null ? Problems.NotFound($"There is no quickscan {id}.") : TypedResults.Ok(ToResponse(row));
    }

    private static QuickscanResponse ToResponse(QuickscanRecord r) =>
        JsonSerializer.Deserialize<QuickscanResponse>(r.ResultJson, GeoJson.Options)! with { Id = r.Id };

    public readonly record struct QuickscanRequest(NetTopologySuite.Geometries.Geometry Geometry, string Kind, string Sector, int Year,
        Quantity? Quantity, double? PeakOfftakeMw, double? PeakFeedInMw);

    /// <summary>Validates a quickscan body; every error with its pointer. Pure.</summary>
    public static QuickscanRequest? Read(JsonElement e, Crs crs, ErrorCollector errors)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add("", "invalidType", "a quickscan is a JSON object"); return null; }
        foreach (var p in e.EnumerateObject().Where(p => p.Name is not ("geometry" or "kind" or "sector" or "year" or "quantity" or "peakOfftakeMw" or "peakFeedInMw")))
            errors.Add("/" + ErrorCollector.Escape(p.Name), "unknownProperty", $"'{p.Name}' is not a property of a quickscan");
        NetTopologySuite.Geometries.Geometry? geometry = null;
        if (!e.TryGetProperty("geometry", out var g)) errors.Add("/geometry", "required", "geometry is required");
        else geometry = GeoJsonGeometryReader.Read(g, crs, errors);
        var kind = e.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null;
        if (kind is null) errors.Add("/kind", "required", "kind is required, e.g. chargingHub");
        var sector = e.TryGetProperty("sector", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()
            : kind is not null && DevelopmentCodes.SectorOfKind.TryGetValue(kind, out var known) ? known : null;
        if (sector is null) errors.Add("/sector", "required", "sector is required for a kind outside the core list");
        else if (!DevelopmentCodes.IsKnown(DevelopmentCodes.Sectors, sector)) errors.Add("/sector", "unknownCode", $"'{sector}' is not a sector");
        int? year = e.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var yv) && yv is >= DevelopmentCodes.MinYear and <= DevelopmentCodes.MaxYear ? yv : null;
        if (year is null) errors.Add("/year", "outOfRange", $"year is a whole year from {DevelopmentCodes.MinYear} to {DevelopmentCodes.MaxYear}");
        double? Mw(string name)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d) || d < 0)
            {
                errors.Add("/" + name, "invalidNumber", $"{name} is a non-negative number of MW");
                return null;
            }
            return d;
        }
        var offtake = Mw("peakOfftakeMw");
        var feedIn = Mw("peakFeedInMw");
        Quantity? quantity = null;
        if (e.TryGetProperty("quantity", out var q) && q.ValueKind != JsonValueKind.Null)
        {
            var value = q.ValueKind == JsonValueKind.Object && q.TryGetProperty("value", out var qv) && qv.ValueKind == JsonValueKind.Number && qv.TryGetDouble(out var d) && double.IsFinite(d) && d >= 0 ? d : (double?)null;
            var unit = q.ValueKind == JsonValueKind.Object && q.TryGetProperty("unit", out var qu) && qu.ValueKind == JsonValueKind.String ? qu.GetString() : null;
            if (value is null) errors.Add("/quantity/value", "invalidNumber", "quantity.value is a non-negative number");
            if (unit is null || !DevelopmentCodes.IsKnown(DevelopmentCodes.Units, unit)) errors.Add("/quantity/unit", "unknownCode", $"quantity.unit is one of {string.Join(", ", DevelopmentCodes.Units)}");
            if (value is not null && unit is not null) quantity = new Quantity(year ?? 0, value.Value, unit);
        }
        if (quantity is null && offtake is null && feedIn is null && !errors.HasErrors)
            errors.Add("", "required", "give a quantity {value, unit} or peakOfftakeMw / peakFeedInMw");
        return errors.HasErrors ? null : new QuickscanRequest(geometry!, kind!, sector!, year!.Value, quantity, offtake, feedIn);
    }
}
