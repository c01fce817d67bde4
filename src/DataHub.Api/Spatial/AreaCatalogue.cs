using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;

namespace DataHub.Api.Spatial;

public enum AreaKind { Municipality, Province, ResRegion }

/// <summary>A CBS area: municipality (GM…), province (PV…) or RES region (ES…), with its boundary in CRS84 and RD New.</summary>
public sealed record AreaInfo(string Code, string Name, AreaKind Kind, Geometry Boundary, Geometry BoundaryRd)
{
    public string? ProvinceCode { get; set; }
    public string? ResRegionCode { get; set; }
}

/// <summary>The municipality, province and RES region a development lies in, plus the other municipalities it touches.</summary>
public sealed record DerivedAreas(string? MunicipalityCode, string? ProvinceCode, string? ResRegionCode, IReadOnlyList<string> OtherMunicipalityCodes)
{
    public static readonly DerivedAreas None = new(null, null, null, []);
}

/// <summary>
/// The 2025 CBS boundaries (embedded resources, see Resources/cbs/ATTRIBUTION.md), indexed for area derivation.
/// Immutable reference data, built once per process.
/// </summary>
public sealed class AreaCatalogue
{
    /// <summary>A point this close (metres) to a municipality still counts as in it: the boundaries are simplified.</summary>
    public const double CoastToleranceMetres = 1_000;

    private readonly STRtree<(AreaInfo Area, IPreparedGeometry Prepared)> _municipalityIndex = new();
    public IReadOnlyDictionary<string, AreaInfo> ByCode { get; }
    public IReadOnlyList<AreaInfo> Municipalities { get; }
    public IReadOnlyList<AreaInfo> Provinces { get; }
    public IReadOnlyList<AreaInfo> ResRegions { get; }

    private static readonly Lazy<AreaCatalogue> Shared = new(() => new AreaCatalogue());
    public static AreaCatalogue Instance => Shared.Value;

    private AreaCatalogue()
    {
        Municipalities = Load("gemeente_2025.geojson", AreaKind.Municipality);
        Provinces = Load("provincie_2025.geojson", AreaKind.Province);
        ResRegions = Load("regionale_energiestrategie_2025.geojson", AreaKind.ResRegion);
        foreach (var m in Municipalities)
        {
            m.ProvinceCode = LargestOverlap(m, Provinces);
            m.ResRegionCode = LargestOverlap(m, ResRegions);
            _municipalityIndex.Insert(m.Boundary.EnvelopeInternal, (m, PreparedGeometryFactory.Prepare(m.Boundary)));
        }
        _municipalityIndex.Build();
        ByCode = Municipalities.Concat(Provinces).Concat(ResRegions).ToDictionary(a => a.Code);
        foreach (var r in ResRegions)
        {
            // A RES region lies within one province except where it does not (none in 2025); take its largest overlap.
            r.ProvinceCode = LargestOverlap(r, Provinces);
        }
    }

    private static string? LargestOverlap(AreaInfo area, IEnumerable<AreaInfo> candidates) =>
        candidates
            .Where(c => c.BoundaryRd.EnvelopeInternal.Intersects(area.BoundaryRd.EnvelopeInternal))
            .Select(c => (c.Code, Area: c.BoundaryRd.Intersection(area.BoundaryRd).Area))
            .Where(x => x.Area > 0)
            .OrderByDescending(x => x.Area)
            .Select(x => x.Code)
            .FirstOrDefault();

    private static List<AreaInfo> Load(string file, AreaKind kind)
    {
        using var stream = typeof(AreaCatalogue).Assembly.GetManifestResourceStream($"DataHub.Api.Resources.cbs.{file}")
            ?? throw new InvalidOperationException($"embedded resource {file} is missing");
        using var doc = JsonDocument.Parse(stream);
        var result = new List<AreaInfo>();
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            var g = ReadBoundary(feature.GetProperty("geometry"));
            var fixedGeometry = GeometryFixer.Fix(g);
            fixedGeometry.SRID = 4326;
            result.Add(new AreaInfo(props.GetProperty("statcode").GetString()!, props.GetProperty("statnaam").GetString()!,
                kind, fixedGeometry, GeometryFixer.Fix(CrsTransform.ToRdNew(fixedGeometry))));
        }
        return result.OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
    }

    private static Geometry ReadBoundary(JsonElement geometry)
    {
        var f = CrsTransform.Crs84Factory;
        LinearRing Ring(JsonElement r) => f.CreateLinearRing(r.EnumerateArray()
            .Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToArray());
        Polygon Poly(JsonElement p) { var rings = p.EnumerateArray().Select(Ring).ToArray(); return f.CreatePolygon(rings[0], rings[1..]); }
        var coords = geometry.GetProperty("coordinates");
        return geometry.GetProperty("type").GetString() switch
        {
            "Polygon" => Poly(coords),
            "MultiPolygon" => f.CreateMultiPolygon(coords.EnumerateArray().Select(Poly).ToArray()),
            var t => throw new InvalidOperationException($"unexpected boundary type {t}"),
        };
    }

    /// <summary>
    /// Derives the areas of a CRS84 geometry: the municipality of its largest overlap (area for polygons, length for
    /// lines, containment for points, nearest within <see cref="CoastToleranceMetres"/> at the simplified coast),
    /// the province and RES region of the largest summed overlap, and the other municipalities it touches.
    /// </summary>
    public DerivedAreas Derive(Geometry geometry)
    {
        var candidates = _municipalityIndex.Query(geometry.EnvelopeInternal);
        if (geometry is Point point)
        {
            foreach (var (area, prepared) in candidates)
                if (prepared.Covers(point)) return ForMunicipality(area, []);
            return NearestWithinTolerance(point);
        }

        // Most developments lie wholly inside one municipality: then no overlay is needed.
        foreach (var (area, prepared) in candidates)
            if (prepared.Contains(geometry)) return ForMunicipality(area, []);

        var rd = CrsTransform.ToRdNew(geometry);
        var overlaps = new List<(AreaInfo Area, double Measure)>();
        foreach (var (area, prepared) in candidates)
        {
            if (!prepared.Intersects(geometry)) continue;
            var part = area.BoundaryRd.Intersection(rd);
            var measure = geometry.Dimension == Dimension.Surface ? part.Area : part.Length;
            if (measure > 0) overlaps.Add((area, measure));
        }
        if (overlaps.Count == 0)
            return geometry.Dimension == Dimension.Surface || geometry is LineString
                ? NearestWithinTolerance(geometry.InteriorPoint)
                : DerivedAreas.None;
        var main = overlaps.MaxBy(o => o.Measure).Area;
        var others = overlaps.Where(o => o.Area != main).OrderByDescending(o => o.Measure).Select(o => o.Area.Code).ToList();
        string? Largest(Func<AreaInfo, string?> key) => overlaps
            .Where(o => key(o.Area) is not null)
            .GroupBy(o => key(o.Area)!)
            .Select(g => (g.Key, Sum: g.Sum(o => o.Measure)))
            .OrderByDescending(g => g.Sum).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();
        return new DerivedAreas(main.Code, Largest(a => a.ProvinceCode), Largest(a => a.ResRegionCode), others);
    }

    private static DerivedAreas ForMunicipality(AreaInfo m, IReadOnlyList<string> others) =>
        new(m.Code, m.ProvinceCode, m.ResRegionCode, others);

    private DerivedAreas NearestWithinTolerance(Point point)
    {
        var rdPoint = CrsTransform.ToRdNew(point);
        // ~0.015° is well over 1 km at Dutch latitudes, so the envelope search cannot miss a municipality in range.
        var search = new Envelope(point.Coordinate);
        search.ExpandBy(0.03);
        var nearest = _municipalityIndex.Query(search)
            .Select(c => (c.Area, Distance: c.Area.BoundaryRd.Distance(rdPoint)))
            .Where(c => c.Distance <= CoastToleranceMetres)
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return nearest.Area is null ? DerivedAreas.None : ForMunicipality(nearest.Area, []);
    }
}
