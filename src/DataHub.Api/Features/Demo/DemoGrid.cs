using System.Text.Json;
using DataHub.Api.Data;
using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Demo;

/// <summary>
/// Fictitious grid data for the Utrecht demo, in the spirit of Netbeheer Nederland's own example files: one Stedin
/// energy area per municipality (its real boundary), with capacity set against the demo's own expected load so that
/// areas run out in different years (2026–2037), some relieved by works a few years later. The OSM high-voltage
/// extract (shared/data/osm) holds no substation inside the province, so areas follow municipalities instead.
/// </summary>
public static class DemoGrid
{
    public const string Operator = "STEDIN";

    public static List<EnergyAreaVersion> Generate(IReadOnlyList<DevelopmentVersion> demo, Guid importId, DateTime now)
    {
        var rules = RuleSetCatalogue.Instance.Default;
        var municipalities = AreaCatalogue.Instance.Municipalities.Where(m => m.ProvinceCode == DemoSeed.Province).ToList();
        var areas = municipalities.Select((m, i) => new GridArea(DeterministicId(m.Code), Operator, $"OS {m.Name}", m.Boundary, [])).ToList();
        var placed = demo.Select(v => new PlacedDevelopment(AnalysisEndpoints.Facts(v), v.Geometry)).ToList();
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
                WorksJson = JsonSerializer.Serialize(works), PostcodeAreasJson = "[]", Geometry = area.Boundary,
                CapacityJson = JsonSerializer.Serialize(capacity, DevelopmentMapping.StoredJson),
                ImportId = importId, ChangedBy = "demo-seed", ContentHash = "demo",
            };
            result.Add(row);
        }
        return result;
    }

    /// <summary>A stable id per municipality, so the demo's areas keep their ids across fresh databases.</summary>
    private static Guid DeterministicId(string code) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("datahub-demo-grid:" + code)));
}
