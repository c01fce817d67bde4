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
        new("name", "string", "name"),
        new("planType", "string", $"plan type: {string.Join(", ", CodeLists.PlanTypes)}", Filterable: true),
        new("sector", "string", $"sector: {string.Join(", ", CodeLists.Sectors)}", Filterable: true),
        new("kind", "string", "kind of development", Filterable: true),
        new("assetType", "string", "ESDL asset type: producer, consumer, storage, conversion, transport"),
        new("certainty", "string", $"certainty: {string.Join(", ", CodeLists.Certainties)}", Filterable: true),
        new("visibility", "string", "public, shared or confidential"),
        new("commissioningYear", "integer", "year in service"),
        new("decommissioningYear", "integer", "year out of service"),
        new("quantities", "string", "quantities per year as JSON: [{year, value, unit}]"),
        new("carriers", "string", "energy carriers, comma-separated"),
        new("municipalityCode", "string", "CBS municipality code (GM…)", Filterable: true),
        new("provinceCode", "string", "CBS province code (PV…)", Filterable: true),
        new("resRegionCode", "string", "RES region code (ES…)", Filterable: true),
        new("version", "integer", "version number"),
        new("updatedAt", "string", "when this version was written", "date-time"),
    ];

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
        var page = await reads.ListAsync(scope, filter, ct);
        return new OgcPage([.. page.Rows.Select(r => ToFeature(r, query.ResponseCrs))], page.Matched, page.NextCursor);
    }

    public async Task<OgcFeature?> ItemAsync(AccessScope scope, string id, Crs crs, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) && (await reads.GetAsync(scope, guid, null, ct)).Value is { } row ? ToFeature(row, crs) : null;

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
