using System.Text.Json;
using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Aggregates;
using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace DataHub.UnitTests;

/// <summary>
/// The in-memory analysis model: the same figures as the reference computation, the same answer after an
/// incremental update as after a rebuild, each caller's view, and disclosure control on aggregate-only data.
/// </summary>
public sealed class GridModelTests
{
    private static readonly CalculationRuleSet Rules = new("test", "1", "t", "", "test", [],
        [new SimultaneityFactor("housing", 0.4, "t"), new SimultaneityFactor("mobility", 0.6, "t")],
        [
            new CalculationRule("newBuildHomes", "homes", "electricity", 0.004, null, 4.0, "t"),
            new CalculationRule("newBuildHomes", "homes", "heat", null, null, 9.0, "t"),
            new CalculationRule("solarPark", "MWp", "electricity", null, 0.7, 950, "t"),
            new CalculationRule("chargingHub", "chargingPoints", "electricity", 0.05, null, 60, "t"),
        ]);

    private static readonly DisclosureOptions Disclosure = new();

    private static Geometry Wkt(string wkt) { var g = new WKTReader().Read(wkt); g.SRID = 4326; return g; }

    private static GridArea Area(string code, double lon, double lat, double offtake, double feedIn) =>
        new(Guid.Parse($"00000000-0000-0000-0000-{code.GetHashCode() & 0xffffff:x12}"), "STEDIN", code,
            Wkt(FormattableString.Invariant($"POLYGON (({lon} {lat}, {lon + 0.1} {lat}, {lon + 0.1} {lat + 0.1}, {lon} {lat + 0.1}, {lon} {lat}))")),
            [new CapacityYear(2025, offtake, feedIn), new CapacityYear(2030, offtake * 2, feedIn)]);

    private static readonly GridArea[] Areas =
    [
        Area("A", 5.0, 52.0, 3, 5), Area("B", 5.1, 52.0, 2, 2), Area("C", 5.0, 52.1, 1, 1), Area("D", 5.1, 52.1, 8, 1),
    ];

    private static int _n;

    /// <summary>A stored version as the database would hold it.</summary>
    private static DevelopmentVersion Row(string owner, string kind, string sector, string certainty, string wkt, Quantity[] quantities,
        StatedEnergy[]? energy = null, int? decommissioning = null, string visibility = "public", Guid? id = null) => new()
    {
        DevelopmentId = id ?? Guid.Parse($"10000000-0000-0000-0000-{Interlocked.Increment(ref _n):x12}"), OwnerCode = owner, ExternalId = "x", Name = "x",
        PlanType = "RES", Sector = sector, Kind = kind, AssetType = "consumer", Certainty = certainty, Visibility = visibility, DecommissioningYear = decommissioning,
        FirstYear = 2025, MunicipalityCode = "GM0321", ProvinceCode = "PV26", OtherMunicipalityCodes = "[]", Geometry = Wkt(wkt),
        QuantitiesJson = JsonSerializer.Serialize(quantities, DevelopmentMapping.StoredJson),
        EnergyJson = JsonSerializer.Serialize(energy ?? [], DevelopmentMapping.StoredJson),
        CarriersJson = "[]", SourceJson = "{}", ContentHash = "", ChangedBy = "t", ChangeKind = "created",
    };

    private static List<DevelopmentVersion> Data() =>
    [
        Row("GM0321", "newBuildHomes", "housing", "permitted", "POINT (5.05 52.05)", [new(2026, 500, "homes"), new(2028, 1200, "homes")]),
        Row("GM0321", "newBuildHomes", "housing", "planned", "POINT (5.15 52.05)", [new(2027, 800, "homes")], decommissioning: 2031),
        // straddles A and B (half and half) and C and D a little
        Row("ES14", "solarPark", "renewableGeneration", "inProcedure", "POLYGON ((5.09 52.05, 5.11 52.05, 5.11 52.12, 5.09 52.12, 5.09 52.05))", [new(2026, 10, "MWp")]),
        Row("GM0344", "chargingHub", "mobility", "ambition", "POINT (5.02 52.15)", [new(2029, 40, "chargingPoints")]),
        // stated energy overrides the rules from 2030
        Row("GM0344", "chargingHub", "mobility", "realised", "POINT (5.12 52.18)", [new(2025, 10, "chargingPoints")], [new StatedEnergy(2030, "electricity", PeakOfftakeMw: 3)]),
        Row("GM0321", "newBuildHomes", "housing", "permitted", "POINT (6.5 53.0)", [new(2026, 100, "homes")]), // outside every area
    ];

    private static DataStamp Stamp(long n) => new(n, n, 1, 1);

    private static GridModel Model(IReadOnlyList<DevelopmentVersion> rows) => GridModel.Build(new GridAreas(Areas), rows, [Rules], Stamp(rows.Count));

    private static List<AreaYearLoad> All(GridModel model, AnalysisView view, bool contributions = true) =>
        [.. Enumerable.Range(0, Areas.Length).SelectMany(a => model.Evaluate(a, view, 0, 2025, 2035, Scenarios.All, contributions, Disclosure))];

    [Fact]
    public void The_model_gives_the_figures_of_the_reference_computation()
    {
        var rows = Data();
        var reference = GridAnalysis.Loads(Areas, [.. rows.Select(r => new PlacedDevelopment(DevelopmentFacts.Of(r), r.Geometry))], Rules, 2025, 2035, Scenarios.All)
            .OrderBy(l => l.AreaId).ThenBy(l => l.Scenario).ThenBy(l => l.Year).ToList();
        var model = All(Model(rows), AnalysisView.Everything()).OrderBy(l => l.AreaId).ThenBy(l => l.Scenario).ThenBy(l => l.Year).ToList();
        Assert.Equal(reference.Count, model.Count);
        for (var i = 0; i < reference.Count; i++)
        {
            var (r, m) = (reference[i], model[i]);
            Assert.Equal((r.AreaId, r.Year, r.Scenario), (m.AreaId, m.Year, m.Scenario));
            Assert.Equal(r.PeakOfftakeMw, m.PeakOfftakeMw, 9);
            Assert.Equal(r.PeakFeedInMw, m.PeakFeedInMw, 9);
            Assert.Equal(r.AnnualEnergyMwh, m.AnnualEnergyMwh, 6);
            Assert.Equal((r.AvailableOfftakeMw, r.AvailableFeedInMw), (m.AvailableOfftakeMw, m.AvailableFeedInMw));
            Assert.Equal(r.OfftakeBySector.Keys, m.OfftakeBySector.Keys);
            Assert.Equal(r.Contributions.Select(c => (c.Development, Math.Round(c.Share, 9), Math.Round(c.PeakOfftakeMw, 9))),
                m.Contributions.Select(c => (c.Development, Math.Round(c.Share, 9), Math.Round(c.PeakOfftakeMw, 9))));
        }
        // Hand-computed: A in 2028, expected: 1,200 homes × 0.004 × 0.4 = 1.92 MW offtake; the solar park (7 MW) by the share of it in A.
        var a2028 = model.Single(l => l.AreaId == Areas[0].Id && l.Year == 2028 && l.Scenario == Scenarios.Expected);
        Assert.Equal(1.92, a2028.PeakOfftakeMw, 9);
        Assert.Equal(10 * 0.7 * (0.01 * 0.05) / (0.02 * 0.07), a2028.PeakFeedInMw, 2); // its share of A, by area
        // The stated 3 MW replaces the rules' 10 × 0.05 = 0.5 MW from 2030: × 0.6 simultaneity.
        var d = model.Where(l => l.AreaId == Areas[3].Id && l.Scenario == Scenarios.Committed).ToDictionary(l => l.Year);
        Assert.Equal(0.3, d[2029].PeakOfftakeMw, 9);
        Assert.Equal(1.8, d[2030].PeakOfftakeMw, 9);
        // The planned homes in B stop after decommissioning in 2031.
        var b = model.Where(l => l.AreaId == Areas[1].Id && l.Scenario == Scenarios.Expected).ToDictionary(l => l.Year);
        Assert.Equal(800 * 0.004 * 0.4, b[2031].PeakOfftakeMw, 9);
        Assert.Equal(0, b[2032].PeakOfftakeMw);
    }

    [Fact]
    public void An_incremental_update_answers_byte_for_byte_as_a_rebuild()
    {
        var rows = Data();
        var model = Model(rows);
        // Change one (more homes, moved to C), retire one, add one.
        var moved = Row("GM0321", "newBuildHomes", "housing", "permitted", "POINT (5.05 52.15)", [new(2026, 900, "homes")], id: rows[0].DevelopmentId);
        var retired = Row("GM0321", "newBuildHomes", "housing", "planned", "POINT (5.15 52.05)", [new(2027, 800, "homes")], id: rows[1].DevelopmentId);
        retired.IsRetired = true;
        var added = Row("GM0344", "chargingHub", "mobility", "permitted", "POINT (5.15 52.15)", [new(2027, 30, "chargingPoints")]);
        var updated = model.With([moved, retired, added], Stamp(9));

        var rebuilt = Model([moved, rows[2], rows[3], rows[4], rows[5], added]);
        Assert.Equal(JsonSerializer.Serialize(All(rebuilt, AnalysisView.Everything())), JsonSerializer.Serialize(All(updated, AnalysisView.Everything())));
        Assert.NotEqual(JsonSerializer.Serialize(All(model, AnalysisView.Everything())), JsonSerializer.Serialize(All(updated, AnalysisView.Everything())));
        // The old model is untouched: requests in flight keep a consistent answer.
        Assert.Equal(JsonSerializer.Serialize(All(Model(rows), AnalysisView.Everything())), JsonSerializer.Serialize(All(model, AnalysisView.Everything())));
        Assert.False(updated.Contains(rows[1].DevelopmentId));
        Assert.Equal(6, updated.Count); // one retired, one added; the one outside every area is held too
    }

    private static AccessScope Scope(string org, params (string Owner, string Level)[] agreements) => new(
        new Caller(org, new HashSet<string> { Roles.Reader }, "t"), "province",
        [.. agreements.Select(a => new AccessGrant { AgreementId = Guid.NewGuid(), OwnerCode = a.Owner, RecipientCode = org, Level = a.Level })],
        new DateOnly(2026, 1, 1), null);

    private static DevelopmentVersion Shared(string owner, double homes) =>
        Row(owner, "newBuildHomes", "housing", "permitted", "POINT (5.05 52.05)", [new(2026, homes, "homes")], visibility: "shared");

    [Fact]
    public void Aggregate_only_data_counts_when_enough_owners_share_it_and_is_left_out_otherwise()
    {
        // Each owner's 1,000 homes: 1.6 MW coincident offtake in A.
        var rows = new List<DevelopmentVersion> { Shared("GM0321", 1000), Shared("GM0344", 1000), Shared("GM0355", 1000) };
        var model = Model(rows);
        var aggregateOnly = (string o) => (o, AgreementLevels.AggregateOnly);
        double Offtake(AnalysisView v, out AreaYearLoad cell)
        {
            cell = model.Evaluate(0, v, 0, 2026, 2026, [Scenarios.Committed], contributions: true, Disclosure).Single();
            return cell.PeakOfftakeMw;
        }

        // Three owners, none dominant: the total counts them, but lists none of them.
        var three = AnalysisView.For(Scope("PV26", aggregateOnly("GM0321"), aggregateOnly("GM0344"), aggregateOnly("GM0355")));
        Assert.Equal(4.8, Offtake(three, out var cell), 9);
        Assert.Equal(3, cell.AggregateOnlyDevelopments);
        Assert.Null(cell.AggregateOnlyWithheldBecause);
        Assert.Empty(cell.Contributions);
        Assert.Equal(3, three.Counted.Count); // shared records of others: audited

        // Two owners: left out, and said so.
        var two = AnalysisView.For(Scope("PV26", aggregateOnly("GM0321"), aggregateOnly("GM0344")));
        Assert.Equal(0, Offtake(two, out cell));
        Assert.Equal("aggregate-only data of fewer than 3 owners left out", cell.AggregateOnlyWithheldBecause);

        // A detail agreement puts one owner in the open: it counts and is listed; the other two alone are too few.
        var mixed = AnalysisView.For(Scope("PV26", ("GM0321", AgreementLevels.Detail), aggregateOnly("GM0344"), aggregateOnly("GM0355")));
        Assert.Equal(1.6, Offtake(mixed, out cell), 9);
        Assert.Equal(rows[0].DevelopmentId, Assert.Single(cell.Contributions).Development);
        Assert.NotNull(cell.AggregateOnlyWithheldBecause);

        // The owner sees its own in detail; no agreement, nothing of the others.
        Assert.Equal(1.6, Offtake(AnalysisView.For(Scope("GM0344")), out _), 9);

        // One dominant owner among three: 8,000 of 10,000 homes is 80 %, at the limit: shown; 9,000 of 11,000 is over.
        var dominant = Model([Shared("GM0321", 8000), Shared("GM0344", 1000), Shared("GM0355", 1000)]);
        Assert.Null(dominant.Evaluate(0, three, 0, 2026, 2026, [Scenarios.Committed], false, Disclosure).Single().AggregateOnlyWithheldBecause);
        var over = Model([Shared("GM0321", 9000), Shared("GM0344", 1000), Shared("GM0355", 1000)]);
        var withheld = over.Evaluate(0, AnalysisView.For(Scope("PV26", aggregateOnly("GM0321"), aggregateOnly("GM0344"), aggregateOnly("GM0355"))), 0, 2026, 2026,
            [Scenarios.Committed], false, Disclosure).Single();
        Assert.Equal(0, withheld.PeakOfftakeMw);
        Assert.Contains("more than 80 %", withheld.AggregateOnlyWithheldBecause);
    }

    [Fact]
    public void Bottlenecks_from_the_model_name_their_causes()
    {
        var model = Model(Data());
        var (_, bottlenecks) = model.Bottlenecks(null, AnalysisView.Everything(), 0, 2025, 2035, Scenarios.All, Disclosure);
        var reference = GridAnalysis.Bottlenecks(GridAnalysis.Loads(Areas, [.. Data().Select(r => new PlacedDevelopment(DevelopmentFacts.Of(r), r.Geometry))],
            Rules, 2025, 2035, Scenarios.All));
        Assert.Equal(reference.Select(b => (b.AreaId, b.Direction, b.Scenario, b.FirstYear, b.Shortfall.Count, b.CausedBy.Count)).OrderBy(x => x.ToString()),
            bottlenecks.Select(b => (b.AreaId, b.Direction, b.Scenario, b.FirstYear, b.Shortfall.Count, b.CausedBy.Count)).OrderBy(x => x.ToString()));
        // B (2 MW feed-in) takes 5/14 of the 7 MW solar park from 2026: 2.5 MW, 0.5 short.
        var b = bottlenecks.Single(x => x.AreaId == Areas[1].Id && x.Direction == GridAnalysis.FeedIn && x.Scenario == Scenarios.Expected);
        Assert.Equal(2026, b.FirstYear);
        Assert.Equal(0.5, b.Shortfall[0].ShortfallMw, 2);
        Assert.Single(b.CausedBy);
    }

    [Fact]
    public void Nearest_areas_come_in_order_of_their_true_distance()
    {
        var grid = new GridAreas(Areas);
        var here = Wkt("POINT (5.32 52.07)");
        var lazily = grid.Nearest(here).Select(x => (grid.Areas[x.Area].ShortCode, Math.Round(x.DistanceM, 3))).ToList();
        var brute = Areas.Select(a => (a.ShortCode, Math.Round(DataHub.Api.Spatial.CrsTransform.ToRdNew(a.Boundary).Distance(DataHub.Api.Spatial.CrsTransform.ToRdNew(here)), 3)))
            .OrderBy(x => x.Item2).ThenBy(x => x.ShortCode, StringComparer.Ordinal).ToList();
        Assert.Equal(brute, lazily);
        Assert.Equal(["B", "D"], lazily.Take(2).Select(x => x.ShortCode).Order());
    }
}

/// <summary>The hand-written convex clipping gives the overlay's area and centroid, also for concave areas with holes.</summary>
public sealed class ConvexClipTests
{
    private static Geometry Wkt(string wkt) { var g = new WKTReader().Read(wkt); g.SRID = 4326; return g; }

    [Fact]
    public void Clipping_by_a_convex_window_matches_the_overlay()
    {
        // An L-shaped area with a hole, and a second part: concave, holed, multi.
        var area = Wkt("MULTIPOLYGON (((5.0 52.0, 5.2 52.0, 5.2 52.05, 5.05 52.05, 5.05 52.2, 5.0 52.2, 5.0 52.0), (5.01 52.01, 5.03 52.01, 5.03 52.03, 5.01 52.03, 5.01 52.01)), ((5.3 52.0, 5.4 52.0, 5.4 52.1, 5.3 52.1, 5.3 52.0)))");
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var (x, y) = (4.95 + random.NextDouble() * 0.5, 51.95 + random.NextDouble() * 0.3);
            var (w, h) = (0.005 + random.NextDouble() * 0.1, 0.005 + random.NextDouble() * 0.1);
            var window = i % 3 == 0
                ? Wkt(FormattableString.Invariant($"POLYGON (({x} {y}, {x + w} {y}, {x + w / 2} {y + h}, {x} {y}))")) // a triangle
                : Wkt(FormattableString.Invariant($"POLYGON (({x} {y}, {x} {y + h}, {x + w} {y + h}, {x + w} {y}, {x} {y}))")); // clockwise rectangle
            var ring = ConvexClip.Window(window)!;
            var (a, m) = ConvexClip.Measure(ring, area);
            var overlay = area.Intersection(window);
            Assert.True(Math.Abs(overlay.Area - a) < 1e-12, $"area {a} vs {overlay.Area}");
            if (overlay.Area > 1e-9) Assert.True(Math.Abs(overlay.Centroid.Y - m / a) < 1e-5, $"centroid {overlay.Centroid.Y} vs {m / a}, area {overlay.Area}");
        }
        Assert.Null(ConvexClip.Window(area.GetGeometryN(0))); // concave: the overlay handles it
    }
}
