using DataHub.Api.Features.Organisations;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Areas;

/// <summary>
/// The CBS areas (municipalities, provinces, RES regions) with their boundaries, public: one reader for every surface,
/// over the catalogue the hub derives areas with (the <c>areas</c> table holds the same rows, seeded from it, for
/// whoever reads the database directly).
/// </summary>
public sealed class AreaReads
{
    public static readonly string[] Kinds = ["municipality", "province", "resRegion"];

    /// <summary>The areas, optionally of one kind, or in (or being) one province, by code.</summary>
    public Outcome<List<AreaInfo>> List(string? kind, string? province)
    {
        if (kind is not null && Array.IndexOf(Kinds, kind) < 0)
            return Problems.Validation([new FieldError("", "unknownCode", $"'{kind}' is not an area kind; use one of {string.Join(", ", Kinds)}") { Parameter = "kind" }]);
        IEnumerable<AreaInfo> areas = AreaCatalogue.Instance.ByCode.Values;
        if (kind is not null) areas = areas.Where(a => ReferenceData.KindName(a.Kind) == kind);
        if (province is not null) areas = areas.Where(a => a.ProvinceCode == province || a.Code == province);
        return areas.OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
    }

    public Outcome<AreaInfo> Get(string code) =>
        AreaCatalogue.Instance.ByCode.TryGetValue(code, out var area) ? area : Problems.NotFound($"There is no area '{code}'.");
}
