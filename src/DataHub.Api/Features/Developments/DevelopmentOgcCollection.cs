using DataHub.Api.Features.Ogc;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Developments;

/// <summary>
/// Developments as an OGC API – Features collection, over <see cref="DevelopmentReads"/>: the same access policy,
/// audit and keyset cursors as GET /developments. <c>datetime</c> compares with the years a development is in place
/// (commissioning to decommissioning); the properties are flat columns, quantities and carriers as text.
/// </summary>
public sealed class DevelopmentOgcCollection(DevelopmentReads reads) : IOgcCollection
{
    public string Id => "developments";
    public string Title => "Ontwikkelingen";
    public string Description => "Planned and realised developments (RES, CES, RAL/RMP, woonagenda's, TVW, investment plans) the caller may see, with their derived areas.";
    public string GeometryType => "geometry";
    public string? Temporal => "the years the development is in place: commissioningYear up to decommissioningYear";

    public IReadOnlyList<OgcProperty> Properties { get; } =
    [
        new("externalId", "string", "the owner's own id", Filterable: true),
        new("owner", "string", "owner organisation code", Filterable: true),
        new("name", "string", "name", Filterable: true),
        new("planType", "string", $"plan type: {string.Join(", ", CodeLists.PlanTypes)}", Filterable: true),
        new("sector", "string", $"sector: {string.Join(", ", CodeLists.Sectors)}", Filterable: true),
        new("kind", "string", "kind of development", Filterable: true),
        new("assetType", "string", "ESDL asset type: producer, consumer, storage, conversion, transport", Filterable: true),
        new("certainty", "string", $"certainty: {string.Join(", ", CodeLists.Certainties)}", Filterable: true),
        new("visibility", "string", "public, shared or confidential", Filterable: true),
        new("commissioningYear", "integer", "year in service", Filterable: true),
        new("decommissioningYear", "integer", "year out of service", Filterable: true),
        new("quantities", "string", "quantities per year as JSON: [{year, value, unit}]"),
        new("carriers", "string", "energy carriers, comma-separated"),
        new("municipalityCode", "string", "CBS municipality code (GM…)", Filterable: true),
        new("provinceCode", "string", "CBS province code (PV…)", Filterable: true),
        new("resRegionCode", "string", "RES region code (ES…)", Filterable: true),
        new("version", "integer", "version number", Filterable: true),
        new("updatedAt", "string", "when this version was written", "date-time", Filterable: true),
    ];

    /// <summary>The column each queryable reads, for CQL2 filters run by the database.</summary>
    private static readonly Cql2Columns<DevelopmentVersion> Columns = new Cql2Columns<DevelopmentVersion>()
        .Text("externalId", v => v.ExternalId).Text("owner", v => v.OwnerCode).Text("name", v => v.Name).Text("planType", v => v.PlanType)
        .Text("sector", v => v.Sector).Text("kind", v => v.Kind).Text("assetType", v => v.AssetType).Text("certainty", v => v.Certainty)
        .Text("visibility", v => v.Visibility).Number("commissioningYear", v => v.CommissioningYear).Number("decommissioningYear", v => v.DecommissioningYear)
        .Text("municipalityCode", v => v.MunicipalityCode).Text("provinceCode", v => v.ProvinceCode).Text("resRegionCode", v => v.ResRegionCode)
        .Number("version", v => v.Version).Time("updatedAt", v => v.ValidFrom);

    /// <summary>The name=value filters the list's own parameters apply (served by its indexes); the rest go into the CQL2 condition.</summary>
    private static readonly string[] ListFilters = ["municipalityCode", "provinceCode", "resRegionCode", "planType", "sector", "kind", "certainty", "owner", "externalId"];

    public async Task<Outcome<OgcPage>> ItemsAsync(AccessScope scope, OgcItemsQuery query, CancellationToken ct)
    {
        string[]? Codes(string name) => query.PropertyEquals.TryGetValue(name, out var v) ? v : null;
        var cursor = query.Cursor is { } c ? DevelopmentPaging.ParseCursor(c, DevelopmentPaging.BySeq).Seq : null;
        if (query.Cursor is not null && cursor is null)
            return Problems.Validation([new FieldError("", "invalidFormat", "cursor is taken from a next link of this collection") { Parameter = "cursor" }]);
        var filter = new DevelopmentFilter
        {
            Bbox = query.Bbox, ResponseCrs = query.ResponseCrs,
            Municipality = Codes("municipalityCode"), Province = Codes("provinceCode"), ResRegion = Codes("resRegionCode"),
            PlanType = Codes("planType"), Sector = Codes("sector"), Kind = Codes("kind"), Certainty = Codes("certainty"),
            Owner = Codes("owner"), ExternalId = Codes("externalId"),
            // In place at some time in the interval: in service by its end, not out of service before its start.
            FromYear = query.From?.Year, ToYear = query.To?.Year,
            Limit = query.Limit, Cursor = cursor,
        };
        if (query.FilterExcept(ListFilters) is { } condition)
            filter = filter with { Condition = (db, spatial, rows, token) => WhereAsync(condition, db, spatial, rows, token), ConditionKey = condition.Text };
        var page = await reads.ListAsync(scope, filter, ct);
        return new OgcPage([.. page.Rows.Select(r => ToFeature(r, query.ResponseCrs))], page.Matched, page.NextCursor);
    }

    /// <summary>The CQL2 filter as the database's query: its spatial parts first through the spatial seam, then one predicate.</summary>
    private static async Task<IQueryable<DevelopmentVersion>> WhereAsync(Cql2Node condition, DataHubDb db, ISpatialQuery spatial, IQueryable<DevelopmentVersion> rows, CancellationToken ct)
    {
        var predicates = new Dictionary<Cql2Spatial, System.Linq.Expressions.Expression<Func<DevelopmentVersion, bool>>>(ReferenceEqualityComparer.Instance);
        foreach (var part in Cql2Linq.SpatialParts(condition))
            predicates[part] = await spatial.RelatedAsync(db, rows, part.Relation, part.Geometry, ct);
        return rows.Where(Cql2Linq.Where(condition, Columns, predicates));
    }

    /// <summary>A development in force; a retired one is not in the collection (as in its items), so it answers as missing.</summary>
    public async Task<OgcFeature?> ItemAsync(AccessScope scope, string id, Crs crs, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) && (await reads.GetAsync(scope, guid, null, ct)).Value is { IsRetired: false } row ? ToFeature(row, crs) : null;

    private static OgcFeature ToFeature(DevelopmentVersion r, Crs crs) => new(r.DevelopmentId.ToString(), CrsTransform.FromCrs84(crs, r.Geometry),
        new Dictionary<string, object?>
        {
            ["externalId"] = r.ExternalId, ["owner"] = r.OwnerCode, ["name"] = r.Name, ["planType"] = r.PlanType, ["sector"] = r.Sector, ["kind"] = r.Kind,
            ["assetType"] = r.AssetType, ["certainty"] = r.Certainty, ["visibility"] = r.Visibility,
            ["commissioningYear"] = r.CommissioningYear, ["decommissioningYear"] = r.DecommissioningYear,
            ["quantities"] = r.QuantitiesJson,
            ["carriers"] = string.Join(",", System.Text.Json.JsonSerializer.Deserialize<List<string>>(r.CarriersJson, DevelopmentMapping.StoredJson)!),
            ["municipalityCode"] = r.MunicipalityCode, ["provinceCode"] = r.ProvinceCode, ["resRegionCode"] = r.ResRegionCode,
            ["version"] = r.Version, ["updatedAt"] = DateTime.SpecifyKind(r.ValidFrom, DateTimeKind.Utc),
        });
}
