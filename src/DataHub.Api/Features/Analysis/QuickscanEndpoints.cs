using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Analysis;

public sealed record QuickscanResponse(Guid Id, string Owner, DateTime CreatedAt, string Kind, string Sector, int Year, string RuleSet,
    double PeakOfftakeMw, double PeakFeedInMw, QuickscanOutcome Outcome);

public sealed record QuickscanList(IReadOnlyList<QuickscanResponse> Items, int NumberReturned);

/// <summary>POST /quickscans: "is there grid capacity here?" — kept for the asking organisation only. The REST edge of <see cref="QuickscanWrites"/> and <see cref="QuickscanReads"/>.</summary>
public static class QuickscanEndpoints
{
    public static RouteGroupBuilder MapQuickscans(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/quickscans").WithTags("Analysis");
        g.MapPost("", Create).WithName("createQuickscan").RequireGate(RoleGates.SignedIn)
            .WithSummary("Would a development of this kind and size fit the grid here in that year? Verdict, headroom per scenario and alternatives")
            .Accepts<object>("application/json").WithHeader("Content-Crs", "CRS of the geometry: CRS84 (default), EPSG:28992 or EPSG:4258")
            .WithProblems(400, 401, 413, 415);
        g.MapGet("", List).WithName("listQuickscans").RequireGate(RoleGates.SignedIn).WithSummary("The caller's organisation's quickscans, newest first")
            .WithProblems(400, 401);
        g.MapGet("/{id:guid}", Get).WithName("getQuickscan").RequireGate(RoleGates.SignedIn).WithSummary("One of the caller's organisation's quickscans")
            .WithProblems(400, 401, 404);
        return api;
    }

    private static async Task<Results<Created<QuickscanResponse>, ProblemResult>> Create(HttpContext http, QuickscanWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Value.Limits, ["application/json", "application/geo+json"], ct);
        if (problem is not null) return problem;
        using (doc)
        {
            if ((await writes.CreateAsync(scope, doc!.RootElement, crs!, ct)).Failed(out var refused, out var created)) return refused;
            return TypedResults.Created($"/api/v1/quickscans/{created.Id}", created);
        }
    }

    private static async Task<Results<Ok<QuickscanList>, ProblemResult>> List(QuickscanReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.ListAsync(await access.CurrentAsync(ct), ct)).Failed(out var problem, out var list) ? problem : TypedResults.Ok(list);

    private static async Task<Results<Ok<QuickscanResponse>, ProblemResult>> Get(Guid id, QuickscanReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.GetAsync(await access.CurrentAsync(ct), id, ct)).Failed(out var problem, out var one) ? problem : TypedResults.Ok(one);

}

/// <summary>Reading a quickscan document: pure, for every surface.</summary>
public static class QuickscanContracts
{
    /// <summary>The years a quickscan looks ahead from the year asked.</summary>
    public const int Horizon = 10;

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
            : kind is not null && CodeLists.SectorOfKind.TryGetValue(kind, out var known) ? known : null;
        if (sector is null) errors.Add("/sector", "required", "sector is required for a kind outside the core list");
        else if (!CodeLists.IsKnown(CodeLists.Sectors, sector)) errors.Add("/sector", "unknownCode", $"'{sector}' is not a sector");
        int? year = e.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var yv) && yv is >= CodeLists.MinYear and <= CodeLists.MaxYear ? yv : null;
        if (year is null) errors.Add("/year", "outOfRange", $"year is a whole year from {CodeLists.MinYear} to {CodeLists.MaxYear}");
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
            if (unit is null || !CodeLists.IsKnown(CodeLists.Units, unit)) errors.Add("/quantity/unit", "unknownCode", $"quantity.unit is one of {string.Join(", ", CodeLists.Units)}");
            if (value is not null && unit is not null) quantity = new Quantity(year ?? 0, value.Value, unit);
        }
        if (quantity is null && offtake is null && feedIn is null && !errors.HasErrors)
            errors.Add("", "required", "give a quantity {value, unit} or peakOfftakeMw / peakFeedInMw");
        return errors.HasErrors ? null : new QuickscanRequest(geometry!, kind!, sector!, year!.Value, quantity, offtake, feedIn);
    }
}
