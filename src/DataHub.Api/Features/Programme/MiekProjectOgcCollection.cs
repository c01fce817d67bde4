using DataHub.Api.Features.Ogc;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Programme;

/// <summary>
/// (p)MIEK projects as an OGC API – Features collection, over <see cref="MiekProjectReads"/>: the projects the caller
/// may read (<see cref="MiekProjectAccess"/>), current, with their location, fiche fields and decision. Projects
/// without a location have a null geometry. <c>datetime</c> gives the projects as they stood at the interval's end.
/// </summary>
public sealed class MiekProjectOgcCollection(MiekProjectReads reads) : IOgcCollection
{
    public string Id => "miek-projects";
    public string Title => "pMIEK-projecten";
    public string Description => "The provinces' (p)MIEK projects the caller may read: infrastructure type, carrier, status, the decision with its reason, capacity, investment and delivery.";
    public string GeometryType => "geometry";
    public string? Temporal => "the version in force: the projects as they stood at the end of the interval";

    public IReadOnlyList<OgcProperty> Properties { get; } =
    [
        new("province", "string", "the province whose programme it is (PV…)", Filterable: true),
        new("cycle", "string", "the programme cycle's id", Filterable: true),
        new("code", "string", "the project's code in its cycle", Filterable: true),
        new("name", "string", "name", Filterable: true),
        new("infrastructureType", "string", "infrastructure type", Filterable: true),
        new("carrier", "string", "energy carrier", Filterable: true),
        new("projectType", "string", "concrete or search area", Filterable: true),
        new("status", "string", "status in the programme", Filterable: true),
        new("decision", "string", "prioritised, included or notIncluded", Filterable: true),
        new("decisionReason", "string", "the reason of the decision"),
        new("capacityMw", "number", "capacity (MW)", Filterable: true),
        new("investmentEurMillions", "number", "investment (million euro)", Filterable: true),
        new("indicativeDelivery", "integer", "indicative delivery year", Filterable: true),
        new("sectors", "string", "sectors served, comma-separated", Filterable: true),
        new("parties", "string", "parties and their roles, semicolon-separated"),
        new("version", "integer", "version number", Filterable: true),
        new("updatedAt", "string", "when this version was written", "date-time", Filterable: true),
    ];

    public async Task<Outcome<OgcPage>> ItemsAsync(AccessScope scope, OgcItemsQuery query, CancellationToken ct)
    {
        var province = query.PropertyEquals.TryGetValue("province", out var p) && p.Length == 1 ? p[0] : null;
        if ((await reads.ListAsync(scope, new MiekProjectQuery(null, null, province, null, query.To), null, [], ct)).Failed(out var problem, out var listed))
            return problem.Problem;
        var features = listed.Items.Where(x => !x.Retired).Select(x => ToFeature(x, Crs.Crs84)).Where(f => OgcListPaging.Matches(f, query)).ToList();
        return OgcListPaging.Page(features, query);
    }

    public async Task<OgcFeature?> ItemAsync(AccessScope scope, string id, Crs crs, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) && (await reads.GetAsync(scope, guid, null, ct)).Value is { Retired: false } project ? ToFeature(project, crs) : null;

    private static OgcFeature ToFeature(MiekProjectResponse x, Crs crs) => new(x.Id.ToString(), x.Geometry is null ? null : CrsTransform.FromCrs84(crs, x.Geometry),
        new Dictionary<string, object?>
        {
            ["province"] = x.Owner, ["cycle"] = x.Cycle.ToString(), ["code"] = x.Code, ["name"] = x.Name, ["infrastructureType"] = x.InfrastructureType,
            ["carrier"] = x.Carrier, ["projectType"] = x.ProjectType, ["status"] = x.Status, ["decision"] = x.Decision, ["decisionReason"] = x.DecisionReason,
            ["capacityMw"] = x.CapacityMw, ["investmentEurMillions"] = x.Finance.InvestmentEurMillions, ["indicativeDelivery"] = x.Planning.IndicativeDelivery,
            ["sectors"] = string.Join(",", x.Sectors), ["parties"] = string.Join("; ", x.Parties.Select(q => $"{q.Organisation} ({q.Role})")),
            ["version"] = x.Version, ["updatedAt"] = DateTime.SpecifyKind(x.UpdatedAt, DateTimeKind.Utc),
        });
}
