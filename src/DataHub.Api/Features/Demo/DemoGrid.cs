using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Demo;

/// <summary>
/// Grid data for the Utrecht demo, in the spirit of Netbeheer Nederland's own example files: one fictitious Stedin
/// energy area per municipality (its real boundary) with a fictitious Stedin station, capacity set against the
/// demo's own expected load so that areas run out in different years (2026–2037), some relieved by works a few
/// years later; all of them in TenneT's demand congestion area "Utrecht" (fictitious figures). The real TenneT
/// 380 kV substations nearest the province come from the OSM high-voltage extract (shared/data/osm, © OpenStreetMap
/// contributors, ODbL), which holds none inside it — so the energy areas follow municipalities, not substations.
/// </summary>
public static class DemoGrid
{
    public const string Operator = "STEDIN";
    public const string Tso = "TENNET";
    public const string CongestionArea = "Utrecht";

    public static List<EnergyAreaVersion> Generate(IReadOnlyList<DevelopmentVersion> demo, Guid importId, DateTime now)
    {
        var rules = RuleSetCatalogue.Instance.Default;
        var municipalities = AreaCatalogue.Instance.Municipalities.Where(m => m.ProvinceCode == DemoSeed.Province).ToList();
        var areas = municipalities.Select((m, i) => new GridArea(DeterministicId(m.Code), Operator, $"OS {m.Name}", m.Boundary, [])).ToList();
        var placed = demo.Select(v => new PlacedDevelopment(DevelopmentFacts.Of(v), v.Geometry)).ToList();
        var loads = GridAnalysis.Loads(areas, placed, rules, 2025, 2040, [Scenarios.Expected]).ToLookup(l => l.AreaId);

        var result = new List<EnergyAreaVersion>();
        for (var i = 0; i < areas.Count; i++)
        {
            var area = areas[i];
            var series = loads[area.Id].OrderBy(l => l.Year).ToList();
            // The area runs out after its "full" year: capacity equals the load then (at least 1 MW).
            var fullYear = 2026 + (i * 5) % 12;
            double At(int year, Func<AreaYearLoad, double> pick) => pick(series.Single(l => l.Year == year));
            var offtake = Math.Max(1, Math.Round(At(fullYear, l => l.PeakOfftakeMw), 1));
            var feedIn = Math.Max(1, Math.Round(At(Math.Min(2040, fullYear + 2), l => l.PeakFeedInMw), 1));
            var capacity = new List<CapacityYear> { new(2025, offtake, feedIn) };
            var works = new List<object>();
            if (i % 3 == 0)
            {
                // Works a few years on relieve the area with room to 2040.
                var relief = fullYear + 3;
                capacity.Add(new CapacityYear(relief, Math.Round(Math.Max(offtake, At(2040, l => l.PeakOfftakeMw)) * 1.2 + 1, 1), Math.Round(Math.Max(feedIn, At(2040, l => l.PeakFeedInMw)) * 1.2 + 1, 1)));
                works.Add(new
                {
                    project_name = $"Uitbreiding {area.ShortCode}",
                    description = "Verzwaring MS-ruimte en extra transformator (fictief)",
                    time_schedules = new[] { new { schedule_interval = new { year = relief, quarter = 4 } } },
                });
            }
            var row = new EnergyAreaVersion
            {
                AreaId = area.Id, Version = 1, ValidFrom = now, CreatedAt = now, OperatorCode = Operator, ShortCode = area.ShortCode, Kind = "energy_area",
                Description = $"Voedingsgebied {area.ShortCode} (fictief, demo)",
                DemandAvailableMw = offtake, GenerationAvailableMw = feedIn,
                DemandConstraint = fullYear <= 2027 ? "red" : fullYear <= 2030 ? "amber" : "yellow",
                GenerationConstraint = "yellow",
                DemandCongestionAreaCode = CongestionArea,
                WorksJson = JsonSerializer.Serialize(works), PostcodeAreasJson = "[]", Geometry = area.Boundary,
                CapacityJson = JsonSerializer.Serialize(capacity, DevelopmentMapping.StoredJson),
                ImportId = importId, ChangedBy = "demo-seed", ContentHash = "demo",
            };
            result.Add(row);
        }
        return result;
    }

    /// <summary>TenneT's demand congestion area over the province, which every demo energy area refers to.</summary>
    public static EnergyAreaVersion CongestionAreaOf(Guid importId, DateTime now) => new()
    {
        AreaId = DeterministicId("tennet-" + CongestionArea), Version = 1, ValidFrom = now, CreatedAt = now, OperatorCode = Tso, ShortCode = CongestionArea,
        Kind = "congestion_area", Description = "Congestiegebied Utrecht, afname (fictieve cijfers, demo)",
        DemandAvailableMw = 0, DemandInQueueMw = 450, DemandRequestsInQueue = 120, DemandAlleviationYear = 2029, DemandConstraint = "red",
        GenerationConstraint = "yellow", WorksJson = "[]", PostcodeAreasJson = "[]", ImportId = importId, ChangedBy = "demo-seed", ContentHash = "demo",
    };

    /// <summary>
    /// A fictitious Stedin station (150/10 kV) inside each demo energy area, and the real TenneT substations nearest
    /// the province from OpenStreetMap (embedded with its attribution).
    /// </summary>
    public static List<StationVersion> Stations(DateTime now)
    {
        var result = AreaCatalogue.Instance.Municipalities.Where(m => m.ProvinceCode == DemoSeed.Province).Select(m => new StationVersion
        {
            StationId = DeterministicId("station-" + m.Code), Version = 1, ValidFrom = now, CreatedAt = now, OperatorCode = Operator,
            Code = $"OS {m.Name}", Name = $"Onderstation {m.Name} (fictief)", VoltagesJson = "[150,10]", EnergyAreaShortCode = $"OS {m.Name}",
            Geometry = m.Boundary.InteriorPoint, ChangedBy = "demo-seed",
        }).ToList();
        using var stream = typeof(DemoGrid).Assembly.GetManifestResourceStream("DataHub.Api.Resources.osm.tennet-substations-near-utrecht.json")!;
        using var doc = JsonDocument.Parse(stream);
        foreach (var f in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var p = f.GetProperty("properties");
            var c = f.GetProperty("geometry").GetProperty("coordinates");
            result.Add(new StationVersion
            {
                StationId = DeterministicId("osm-" + p.GetProperty("osmVertex").GetInt32()), Version = 1, ValidFrom = now, CreatedAt = now, OperatorCode = Tso,
                Code = p.GetProperty("code").GetString()!, Name = p.GetProperty("name").GetString()!,
                VoltagesJson = JsonSerializer.Serialize(p.GetProperty("voltagesKv").EnumerateArray().Select(v => v.GetInt32()).ToList()),
                Geometry = CrsTransform.Crs84Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(c[0].GetDouble(), c[1].GetDouble())),
                ChangedBy = "demo-seed",
            });
        }
        return result;
    }

    /// <summary>A stable id per municipality, so the demo's areas keep their ids across fresh databases.</summary>
    private static Guid DeterministicId(string code) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("datahub-demo-grid:" + code)));
}
