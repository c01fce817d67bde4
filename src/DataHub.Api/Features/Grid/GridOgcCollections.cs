using DataHub.Api.Features.Ogc;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Grid;

/// <summary>
/// Energy areas with their capacity as an OGC API – Features collection, over <see cref="EnergyAreaReads"/> (public:
/// the capacity map is open data). <c>datetime</c> compares with the version's validity: the areas as they stood
/// at the interval's end (an instant: at that moment).
/// </summary>
public sealed class EnergyAreaOgcCollection(EnergyAreaReads reads) : IOgcCollection
{
    public string Id => "energy-areas";
    public string Title => "Voedingsgebieden";
    public string Description => "Energy areas (voedingsgebieden) and congestion areas with the capacity map's figures and their available capacity per year.";
    public string GeometryType => "polygon";
    public string? Temporal => "the version in force: the areas as they stood at the end of the interval";

    public IReadOnlyList<OgcProperty> Properties { get; } =
    [
        new("operator", "string", "grid operator code", Filterable: true),
        new("shortCode", "string", "the operator's short code of the area", Filterable: true),
        new("kind", "string", "energy_area or congestion_area", Filterable: true),
        new("description", "string", "the operator's name of the area", Filterable: true),
        new("demandAvailableMw", "number", "available offtake capacity (MW)", Filterable: true),
        new("demandConstraint", "string", "offtake constraint colour", Filterable: true),
        new("demandAlleviationYear", "integer", "year offtake congestion is expected to be relieved", Filterable: true),
        new("generationAvailableMw", "number", "available feed-in capacity (MW)", Filterable: true),
        new("generationConstraint", "string", "feed-in constraint colour", Filterable: true),
        new("generationAlleviationYear", "integer", "year feed-in congestion is expected to be relieved", Filterable: true),
        new("capacity", "string", "available offtake and feed-in per year as JSON: [{year, offtakeMw, feedInMw}]"),
        new("version", "integer", "version number", Filterable: true),
        new("updatedAt", "string", "when this version was written", "date-time", Filterable: true),
    ];

    public async Task<Outcome<OgcPage>> ItemsAsync(AccessScope scope, OgcItemsQuery query, CancellationToken ct)
    {
        var rows = await reads.ListAsync(null, null, null, query.To, ct);
        if (rows.Failed(out var problem, out var areas)) return problem.Problem;
        var features = areas.Select(a => ToFeature(a, Crs.Crs84)).Where(f => OgcListPaging.Matches(f, query)).ToList();
        return OgcListPaging.Page(features, query);
    }

    public async Task<OgcFeature?> ItemAsync(AccessScope scope, string id, Crs crs, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) && (await reads.GetAsync(guid, ct)).Value is { } row ? ToFeature(row, crs) : null;

    private static OgcFeature ToFeature(EnergyAreaVersion a, Crs crs) => new(a.AreaId.ToString(), a.Geometry is null ? null : CrsTransform.FromCrs84(crs, a.Geometry),
        new Dictionary<string, object?>
        {
            ["operator"] = a.OperatorCode, ["shortCode"] = a.ShortCode, ["kind"] = a.Kind, ["description"] = a.Description,
            ["demandAvailableMw"] = a.DemandAvailableMw, ["demandConstraint"] = a.DemandConstraint, ["demandAlleviationYear"] = a.DemandAlleviationYear,
            ["generationAvailableMw"] = a.GenerationAvailableMw, ["generationConstraint"] = a.GenerationConstraint, ["generationAlleviationYear"] = a.GenerationAlleviationYear,
            ["capacity"] = a.CapacityJson, ["version"] = a.Version, ["updatedAt"] = DateTime.SpecifyKind(a.ValidFrom, DateTimeKind.Utc),
        });
}

/// <summary>Stations as an OGC API – Features collection, over <see cref="StationReads"/> (public).</summary>
public sealed class StationOgcCollection(StationReads reads) : IOgcCollection
{
    public string Id => "stations";
    public string Title => "Stations";
    public string Description => "HV/MV substations, pushed by their grid operators as points.";
    public string GeometryType => "point";
    public string? Temporal => "the version in force: the stations as they stood at the end of the interval";

    public IReadOnlyList<OgcProperty> Properties { get; } =
    [
        new("operator", "string", "grid operator code", Filterable: true),
        new("code", "string", "the operator's station code", Filterable: true),
        new("name", "string", "name", Filterable: true),
        new("voltagesKv", "string", "voltages (kV), comma-separated"),
        new("energyAreaShortCode", "string", "the energy area it feeds", Filterable: true),
        new("version", "integer", "version number", Filterable: true),
        new("updatedAt", "string", "when this version was written", "date-time", Filterable: true),
    ];

    public async Task<Outcome<OgcPage>> ItemsAsync(AccessScope scope, OgcItemsQuery query, CancellationToken ct)
    {
        var list = await reads.ListAsync(null, query.To, ct);
        var features = list.Items.Select(s => ToFeature(s, Crs.Crs84)).Where(f => OgcListPaging.Matches(f, query)).ToList();
        return OgcListPaging.Page(features, query);
    }

    public async Task<OgcFeature?> ItemAsync(AccessScope scope, string id, Crs crs, CancellationToken ct) =>
        (await reads.ListAsync(null, null, ct)).Items.FirstOrDefault(s => s.Id.ToString() == id) is { } s ? ToFeature(s, crs) : null;

    private static OgcFeature ToFeature(StationResponse s, Crs crs) => new(s.Id.ToString(), CrsTransform.FromCrs84(crs, s.Geometry),
        new Dictionary<string, object?>
        {
            ["operator"] = s.Operator, ["code"] = s.Code, ["name"] = s.Name, ["voltagesKv"] = string.Join(",", s.VoltagesKv),
            ["energyAreaShortCode"] = s.EnergyAreaShortCode, ["version"] = s.Version, ["updatedAt"] = DateTime.SpecifyKind(s.UpdatedAt, DateTimeKind.Utc),
        });
}

/// <summary>
/// The grid operators' works (reinforcements) as an OGC API – Features collection, over <see cref="EnergyAreaReads"/>
/// (public, as the capacity map): one feature per work, with the boundary of the energy area it relieves (the
/// capacity map gives works no geometry of their own), its start and completion year and its schedules.
/// </summary>
public sealed class WorkOgcCollection(EnergyAreaReads reads) : IOgcCollection
{
    public string Id => "works";
    public string Title => "Netverzwaringen";
    public string Description => "The works the grid operators plan in their energy areas (capacity map), with the area's boundary and the years they start and complete.";
    public string GeometryType => "polygon";
    public string? Temporal => "the version in force: the works as the areas stated them at the end of the interval";

    public IReadOnlyList<OgcProperty> Properties { get; } =
    [
        new("operator", "string", "grid operator code", Filterable: true),
        new("shortCode", "string", "the operator's short code of the energy area the work relieves", Filterable: true),
        new("projectName", "string", "the work's project name", Filterable: true),
        new("description", "string", "what the work is", Filterable: true),
        new("startYear", "integer", "the first year of its schedule", Filterable: true),
        new("completionYear", "integer", "the last year of its schedule: when it relieves the area", Filterable: true),
        new("schedules", "string", "its schedule as the capacity map states it, as JSON"),
        new("updatedAt", "string", "when the area's version stating it was written", "date-time", Filterable: true),
    ];

    public async Task<Outcome<OgcPage>> ItemsAsync(AccessScope scope, OgcItemsQuery query, CancellationToken ct)
    {
        var rows = await reads.ListAsync(null, null, null, query.To, ct);
        if (rows.Failed(out var problem, out var areas)) return problem.Problem;
        var features = areas.SelectMany(ToFeatures).Where(f => OgcListPaging.Matches(f, query)).ToList();
        return OgcListPaging.Page(features, query);
    }

    public async Task<OgcFeature?> ItemAsync(AccessScope scope, string id, Crs crs, CancellationToken ct)
    {
        var parts = id.Split(':');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var area) || (await reads.GetAsync(area, ct)).Value is not { } row) return null;
        return ToFeatures(row).FirstOrDefault(f => f.Id == id) is { } feature
            ? feature with { Geometry = feature.Geometry is null ? null : CrsTransform.FromCrs84(crs, feature.Geometry) } : null;
    }

    /// <summary>An area's works in CRS84, each identified by the area and its place in the list.</summary>
    private static IEnumerable<OgcFeature> ToFeatures(EnergyAreaVersion a) => GridWorks.Read(a.WorksJson).Select((w, i) => new OgcFeature($"{a.AreaId}:{i}", a.Geometry,
        new Dictionary<string, object?>
        {
            ["operator"] = a.OperatorCode, ["shortCode"] = a.ShortCode, ["projectName"] = w.ProjectName, ["description"] = w.Description,
            ["startYear"] = w.StartYear, ["completionYear"] = w.CompletionYear, ["schedules"] = w.SchedulesJson,
            ["updatedAt"] = DateTime.SpecifyKind(a.ValidFrom, DateTimeKind.Utc),
        }));
}
