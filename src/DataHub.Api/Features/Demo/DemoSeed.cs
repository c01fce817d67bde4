using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Demo;

/// <summary>
/// A deterministic demo of the province of Utrecht (PV26): every municipality submits its woonagenda, TVW and
/// charging plans, the RES regions their generation, Cluster 6 its (confidential) CES, and Stedin its investment
/// plan — every plan type, sector and certainty class, years 2025–2040, over the real municipality boundaries.
/// Sizes follow the orders of magnitude of the Utrecht plans (woningbouw ~ 100–2,500 homes, solar parks 5–60 MWp).
/// </summary>
public static class DemoSeed
{
    public const string Province = "PV26";
    private const int Seed = 20261123;

    public static async Task SeedAsync(IServiceProvider services, ILogger logger)
    {
        var db = services.GetRequiredService<DataHubDb>();
        if (await db.Developments.AnyAsync()) return;
        var store = services.GetRequiredService<DevelopmentStore>();
        var rows = Generate();
        db.SharingAgreementVersions.AddRange(Agreements(store.Now()));
        var byOwner = rows.GroupBy(r => r.OwnerCode);
        var total = 0;
        foreach (var owner in byOwner)
        {
            var changes = owner.Select(r => DevelopmentStore.Plan(r, null)).ToList();
            await store.WriteAsync(changes, "demo-seed", CancellationToken.None);
            total += changes.Count;
        }
        var now = store.Now();
        var import = new CapacityMapImport
        {
            Id = Guid.CreateVersion7(now), OperatorCode = DemoGrid.Operator, Identifier = "datahub-demo-utrecht", ConformsTo = "http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0",
            Issued = "2026-11-01", ChangedBy = "demo-seed", CreatedAt = now,
        };
        var areas = DemoGrid.Generate(rows, import.Id, now);
        import.Created = areas.Count;
        var tso = new CapacityMapImport
        {
            Id = Guid.CreateVersion7(now), OperatorCode = DemoGrid.Tso, Identifier = "datahub-demo-tennet", ConformsTo = import.ConformsTo,
            Issued = "2026-11-01", ChangedBy = "demo-seed", CreatedAt = now, Created = 1,
        };
        db.CapacityMapImports.AddRange(import, tso);
        db.EnergyAreaVersions.AddRange(areas);
        db.EnergyAreaVersions.Add(DemoGrid.CongestionAreaOf(tso.Id, now));
        var stations = DemoGrid.Stations(now);
        db.StationVersions.AddRange(stations);
        var programme = DemoProgramme.Generate(rows, areas, now);
        db.ProgrammeCycleVersions.AddRange(programme.Cycles);
        db.MiekProjectVersions.AddRange(programme.Projects);
        db.MiekAssessmentVersions.AddRange(programme.Assessments);
        db.MiekProgressUpdates.AddRange(programme.Progress);
        await db.SaveChangesAsync();
        logger.LogInformation("Demo data: {Count} developments, {Areas} energy areas, {Stations} stations and {Projects} pMIEK projects in two cycles in and around the province of Utrecht (PV26)",
            total, areas.Count, stations.Count, programme.Projects.Count);
    }

    /// <summary>The demo developments, identical on every run.</summary>
    public static List<DevelopmentVersion> Generate()
    {
        var random = new Random(Seed);
        var areas = AreaCatalogue.Instance;
        var municipalities = areas.Municipalities.Where(m => m.ProvinceCode == Province).ToList();
        var certainties = CodeLists.Certainties;
        var result = new List<DevelopmentVersion>();
        var n = 0;
        string NextCertainty() => certainties[n++ % certainties.Length];

        void Add(string owner, string externalId, string name, string planType, string sector, string kind, string asset,
            Geometry geometry, string unit, int startYear, double total, int years, string[] carriers, string? visibility = null,
            StatedEnergy[]? energy = null)
        {
            var quantities = Enumerable.Range(0, years)
                .Select(i => new Quantity(startYear + i, Math.Round(total * (i + 1) / years, 1), unit))
                .Where(q => q.Year <= 2040).ToList();
            var certainty = NextCertainty();
            // Housing locations still in the planning stage are shared with the province only (see Agreements()).
            if (visibility is null && planType == "woonagenda" && certainty is "planned" or "ambition") visibility = "shared";
            var input = new DevelopmentInput(externalId, name, null, planType, null, sector, kind, asset, certainty, visibility,
                startYear, null, quantities, energy ?? [], carriers,
                new SourceMetadata("CC-BY-4.0", $"Demo data DataHub ({owner})", null, new SourceContact("Demo contact", "demo@example.nl")),
                geometry);
            result.Add(input.ToVersion(owner, null, visibility ?? (planType == "CES" ? "confidential" : "public"), areas.Derive(geometry)));
        }

        foreach (var m in municipalities)
        {
            var code = m.Code;
            var size = Math.Sqrt(m.BoundaryRd.Area) / 1000; // km, a rough measure of the municipality's size
            var housing = 2 + (int)Math.Min(6, size / 3);
            for (var i = 0; i < housing; i++)
            {
                var homes = Math.Round(100 + random.NextDouble() * Math.Min(2400, size * 120));
                var start = 2025 + random.Next(0, 10);
                Add(code, $"{code}-wb-{i + 1}", $"Woningbouwlocatie {m.Name} {i + 1}", "woonagenda", "housing", "newBuildHomes", "consumer",
                    Square(random, m, 150 + homes / 4), "homes", start, homes, 2 + random.Next(0, 6), ["electricity", "heat"]);
            }
            Add(code, $"{code}-tvw-1", $"Warmtenet {m.Name}", "TVW", "heat", "heatNetwork", "transport",
                Square(random, m, 400), "connections", 2027 + random.Next(0, 8), Math.Round(500 + random.NextDouble() * 3000), 5, ["heat", "electricity"]);
            Add(code, $"{code}-ral-1", $"Laadplein {m.Name}", "RAL", "mobility", "chargingHub", "consumer",
                Point(random, m), "chargingPoints", 2025 + random.Next(0, 6), 10 + random.Next(0, 40), 3, ["electricity"]);
            if (random.NextDouble() < 0.6)
                Add(code, $"{code}-bt-1", $"Bedrijventerrein {m.Name}", "other", "businessPark", "businessPark", "consumer",
                    Square(random, m, 300), "hectares", 2026 + random.Next(0, 10), Math.Round(5 + random.NextDouble() * 40), 4, ["electricity"]);
            if (random.NextDouble() < 0.5)
                Add(code, $"{code}-ub-1", $"Zorg- en onderwijscampus {m.Name}", "other", "utilityBuildings", "utilityBuilding", "consumer",
                    Square(random, m, 150), "m2", 2026 + random.Next(0, 8), Math.Round(5000 + random.NextDouble() * 30000), 3, ["electricity"]);
            if (random.NextDouble() < 0.3)
                Add(code, $"{code}-ag-1", $"Glastuinbouw {m.Name}", "other", "agriculture", "greenhouse", "consumer",
                    Square(random, m, 250), "hectares", 2027 + random.Next(0, 6), Math.Round(3 + random.NextDouble() * 15), 3, ["electricity", "heat"]);

            var res = m.ResRegionCode ?? "ES12";
            if (random.NextDouble() < 0.7)
                Add(res, $"{code}-zon-1", $"Zonnepark {m.Name}", "RES", "renewableGeneration", "solarPark", "producer",
                    Square(random, m, 500), "MWp", 2025 + random.Next(0, 10), Math.Round(5 + random.NextDouble() * 55), 2, ["electricity"]);
            if (random.NextDouble() < 0.4)
                Add(res, $"{code}-wind-1", $"Windturbines {m.Name}", "RES", "renewableGeneration", "windTurbine", "producer",
                    Point(random, m), "MW", 2027 + random.Next(0, 8), 4.2 * (1 + random.Next(0, 4)), 1, ["electricity"]);
            Add(res, $"{code}-dak-1", $"Zon op grote daken {m.Name}", "RES", "renewableGeneration", "rooftopSolar", "producer",
                Square(random, m, 600), "MWp", 2025, Math.Round(2 + random.NextDouble() * 15), 6, ["electricity"]);
            if (random.NextDouble() < 0.3)
                Add(res, $"{code}-zoek-1", $"Zoekgebied wind en zon {m.Name}", "RES", "renewableGeneration", "searchArea", "producer",
                    Square(random, m, 1200), "MW", 2032, Math.Round(10 + random.NextDouble() * 30), 1, ["electricity"]);
        }

        // Cluster 6: decentrale industrie in Utrecht; company data is confidential by default.
        var industrial = new[] { "GM0344", "GM0307", "GM0356", "GM0345", "GM0321" };
        var kinds = new[] { ("electrification", "industry", "consumer", "MW"), ("dataCentre", "industry", "consumer", "MW"),
            ("electrolyser", "storageConversion", "conversion", "MW"), ("battery", "storageConversion", "storage", "MW") };
        for (var i = 0; i < industrial.Length * 2; i++)
        {
            var m = areas.ByCode[industrial[i % industrial.Length]];
            var (kind, sector, asset, unit) = kinds[i % kinds.Length];
            var mw = Math.Round(2 + random.NextDouble() * 40, 1);
            var start = 2026 + random.Next(0, 8);
            Add("CLUSTER6", $"c6-{i + 1}", $"CES {kind} {m.Name}", "CES", sector, kind, asset, Point(random, m), unit, start, mw, 3,
                kind == "electrolyser" ? ["electricity", "hydrogen"] : ["electricity"], "confidential",
                [new StatedEnergy(start + 2, "electricity", PeakOfftakeMw: mw, AnnualEnergyMwh: Math.Round(mw * 4000))]);
        }

        // The province's Regionaal Mobiliteitsprogramma: zero-emission bus depots.
        foreach (var (code, i) in new[] { "GM0344", "GM0307", "GM0356" }.Select((c, i) => (c, i)))
        {
            var m = areas.ByCode[code];
            Add(Province, $"rmp-busdepot-{i + 1}", $"Busremise zero-emissie {m.Name}", "RMP", "mobility", "busDepot", "consumer",
                Square(random, m, 120), "vehicles", 2026 + 2 * i, 40 + 30 * i, 4, ["electricity"]);
        }

        // Stedin's investment plan: station expansions that add capacity.
        foreach (var (code, i) in new[] { "GM0344", "GM0307", "GM0355", "GM0353", "GM0345", "GM0356" }.Select((c, i) => (c, i)))
        {
            var m = areas.ByCode[code];
            Add("STEDIN", $"ip-{i + 1}", $"Uitbreiding onderstation {m.Name}", "IP", "other", i % 2 == 0 ? "substationExpansion" : "newSubstation",
                "transport", Point(random, m), "MW", 2027 + i, 50 + 25 * (i % 3), 1, ["electricity"]);
        }
        return result;
    }

    /// <summary>
    /// The demo's agreements: every Utrecht municipality shares its woonagenda in detail with the province; Cluster 6
    /// shares its confidential CES data with Stedin in detail and with every province aggregated only.
    /// </summary>
    public static IEnumerable<SharingAgreementVersion> Agreements(DateTime now)
    {
        SharingAgreementVersion Make(string owner, string recipients, string scope, string level, string purpose) => new()
        {
            AgreementId = Guid.CreateVersion7(now), Version = 1, ValidFrom = now, CreatedAt = now, OwnerCode = owner,
            RecipientsJson = recipients, ScopeJson = scope, Level = level, Purpose = purpose,
            PeriodStart = new DateOnly(2026, 1, 1), PeriodEnd = new DateOnly(2027, 12, 31), Status = "active", ChangedBy = "demo-seed",
        };
        foreach (var m in AreaCatalogue.Instance.Municipalities.Where(m => m.ProvinceCode == Province))
            yield return Make(m.Code, """[{"organisation":"PV26"}]""", """{"planTypes":["woonagenda"]}""", "detail", "pMIEK 3.0 Utrecht");
        yield return Make("CLUSTER6", """[{"organisation":"STEDIN"}]""", """{"planTypes":["CES"]}""", "detail", "netplanning Stedin");
        yield return Make("CLUSTER6", """[{"organisationType":"provincie"}]""", """{"planTypes":["CES"]}""", "aggregateOnly", "pMIEK 3.0");
    }

    /// <summary>A random point inside the municipality (rejection sampling over its envelope).</summary>
    private static Point Point(Random random, AreaInfo m)
    {
        var env = m.Boundary.EnvelopeInternal;
        var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(m.Boundary);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var p = CrsTransform.Crs84Factory.CreatePoint(new Coordinate(
                Math.Round(env.MinX + random.NextDouble() * env.Width, 6), Math.Round(env.MinY + random.NextDouble() * env.Height, 6)));
            if (prepared.Contains(p)) return p;
        }
        return (Point)m.Boundary.InteriorPoint;
    }

    /// <summary>A square of about <paramref name="halfSideMetres"/> × 2 around a random point inside the municipality.</summary>
    private static Polygon Square(Random random, AreaInfo m, double halfSideMetres)
    {
        var c = Point(random, m);
        var dLat = halfSideMetres / 111_320.0;
        var dLon = halfSideMetres / (111_320.0 * Math.Cos(c.Y * Math.PI / 180));
        Coordinate At(double x, double y) => new(Math.Round(x, 6), Math.Round(y, 6));
        return CrsTransform.Crs84Factory.CreatePolygon(
        [
            At(c.X - dLon, c.Y - dLat), At(c.X + dLon, c.Y - dLat), At(c.X + dLon, c.Y + dLat), At(c.X - dLon, c.Y + dLat), At(c.X - dLon, c.Y - dLat),
        ]);
    }
}
