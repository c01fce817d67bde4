using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Programme;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Demo;

/// <summary>
/// The demo province's pMIEK 3.0 (fictitious, in the spirit of the Utrecht pMIEK): a frozen cycle with twelve
/// projects — station expansions where the demo grid runs out, a heat network, hydrogen and storage studies, a
/// proposal by Stedin — each with its fiche, scores A–H with rationale and author, and a decision: prioritised,
/// included or not included, each with its reason.
/// </summary>
public static class DemoProgramme
{
    private sealed record Plan(string Code, string Municipality, string Name, string Type, string Carrier, string ProjectType, string Decision,
        string Reason, string[] Scores, double Cost, int Delivery, bool ProposedByStedin = false);

    private static readonly Plan[] Projects =
    [
        new("os-utrecht-merwedekanaal", "Utrecht", "Uitbreiding OS Utrecht Merwedekanaalzone 150/20 kV", "hvStationExpansion", "electricity", "concrete", "prioritised",
            "Zonder uitbreiding geen aansluiting voor de Merwedekanaalzone (6.000 woningen) vóór 2030.", ["high", "good", "much", "high", "mostlyPositive", "mediumEffort", "littleEffort"], 48, 2029),
        new("os-amersfoort-vathorst", "Amersfoort", "Nieuw onderstation Amersfoort-Vathorst", "newHvStation", "electricity", "concrete", "prioritised",
            "Knelpunt afname vanaf 2027; woningbouw en bedrijventerrein De Wieken wachten erop.", ["high", "good", "much", "high", "mostlyPositive", "muchEffort", "mediumEffort"], 62, 2030),
        new("os-veenendaal-ms", "Veenendaal", "Nieuwe MS-route en station Veenendaal-Oost", "newMvRouteAndStation", "electricity", "concrete", "prioritised",
            "Bedrijventerrein en laadhub A12 lopen vast zonder extra MS-capaciteit.", ["high", "sufficient", "much", "medium", "medium", "littleEffort", "littleEffort"], 14, 2028),
        new("warmtenet-utrecht-overvecht", "Utrecht", "Warmtenet Overvecht, tweede bron", "heatNetwork", "heat", "concrete", "prioritised",
            "Warmtetransitie Overvecht (TVW) en ontlasting van het elektriciteitsnet.", ["high", "good", "medium", "high", "mostlyPositive", "mediumEffort", "mediumEffort"], 35, 2031),
        new("os-nieuwegein-batterij", "Nieuwegein", "Netbatterij bij OS Nieuwegein", "storage", "electricity", "concrete", "included",
            "Overbrugt het knelpunt tot de netverzwaring van 2031.", ["medium", "good", "much", "medium", "medium", "littleEffort", "littleEffort"], 9, 2027, ProposedByStedin: true),
        new("laadhub-a27-houten", "Houten", "Netaansluiting laadhub A27 Houten", "chargingInfrastructure", "electricity", "concrete", "included",
            "Laadplein voor zwaar transport (RAL); afhankelijk van uitbreiding OS Houten.", ["medium", "sufficient", "medium", "medium", "medium", "mediumEffort", "littleEffort"], 6, 2028),
        new("os-zeist-uitbreiding", "Zeist", "Uitbreiding OS Zeist", "hvStationExpansion", "electricity", "concrete", "included",
            "Woningbouw en utiliteit Zeist-Noord; knelpunt vanaf 2029.", ["medium", "sufficient", "much", "medium", "medium", "mediumEffort", "littleEffort"], 21, 2030),
        new("waterstof-amersfoort-verkenning", "Amersfoort", "Verkenning waterstofleiding Amersfoort–Leusden", "hydrogenPipeline", "hydrogen", "exploration", "included",
            "Vraag van twee clusters (CES) nog onzeker; verkenning houdt de optie open.", ["low", "sufficient", "little", "medium", "medium", "muchEffort", "mediumEffort"], 3, 2033),
        new("zon-lopik-kabel", "Lopik", "150 kV-kabel zonnevelden Lopik", "hvConnection", "electricity", "concrete", "included",
            "Ontsluit 80 MWp uit de RES U16; invoeding loopt vast zonder kabel.", ["medium", "good", "medium", "medium", "medium", "mediumEffort", "mediumEffort"], 18, 2030),
        new("os-woerden-tweede-trafo", "Woerden", "Tweede transformator OS Woerden", "hvStationExpansion", "electricity", "concrete", "notIncluded",
            "Stedin lost dit op binnen het eigen investeringsplan; provinciale versnelling niet nodig.", ["medium", "sufficient", "much", "low", "medium", "littleEffort", "littleEffort"], 7, 2028),
        new("co2-leiding-onderzoek", "Utrecht", "Onderzoek CO2-leiding Lage Weide", "co2Pipeline", "co2", "research", "notIncluded",
            "Geen concrete vraag in de CES; valt buiten de reikwijdte van dit pMIEK.", ["low", "poor", "little", "low", "medium", "muchEffort", "muchEffort"], 1, 2035),
        new("biomassa-centrale-ijsselstein", "IJsselstein", "Biomassacentrale IJsselstein", "heatSource", "heat", "exploration", "notIncluded",
            "Past niet in de energievisie (geen nieuwe biomassa); draagvlak ontbreekt.", ["low", "poor", "little", "low", "negative", "muchEffort", "muchEffort"], 25, 2032),
    ];

    /// <summary>The previous round, pMIEK 2.0: its projects are underway, and report their progress half-yearly.</summary>
    private static readonly (Plan Plan, string Phase, string Schedule, string? Reason)[] PreviousProjects =
    [
        (new("os-utrecht-lage-weide", "Utrecht", "Uitbreiding OS Utrecht Lage Weide", "hvStationExpansion", "electricity", "concrete", "prioritised",
            "Bedrijventerrein Lage Weide kan niet verder elektrificeren zonder uitbreiding.", ["high", "good", "much", "high", "mostlyPositive", "mediumEffort", "littleEffort"], 38, 2027),
            "realisation", "onSchedule", null),
        (new("os-houten-uitbreiding", "Houten", "Uitbreiding OS Houten", "hvStationExpansion", "electricity", "concrete", "prioritised",
            "Woningbouw Houten-Zuid en laadhub A27 hebben capaciteit nodig.", ["high", "sufficient", "much", "medium", "medium", "mediumEffort", "mediumEffort"], 24, 2028),
            "planning", "delayed", "Bezwaar tegen het bestemmingsplan; oplevering schuift naar 2029."),
        (new("warmtenet-nieuwegein", "Nieuwegein", "Warmtenet Nieuwegein-Galecop", "heatNetwork", "heat", "concrete", "included",
            "TVW Nieuwegein: 3.000 woningen van het gas via het warmtenet.", ["medium", "good", "medium", "medium", "mostlyPositive", "mediumEffort", "mediumEffort"], 22, 2029),
            "planning", "onSchedule", null),
        (new("waterstof-lage-weide-onderzoek", "Utrecht", "Onderzoek waterstofvraag Lage Weide", "hydrogenPipeline", "hydrogen", "research", "included",
            "Onderzoek naar de waterstofvraag van het cluster Lage Weide.", ["low", "sufficient", "little", "medium", "medium", "muchEffort", "mediumEffort"], 1, 2026),
            "exploration", "stopped", "De twee afnemers kozen voor elektrificatie; geen vraag meer naar waterstof."),
        (new("os-woerden-ms-2025", "Woerden", "MS-uitbreiding Woerden-West", "mvStationExpansion", "electricity", "concrete", "prioritised",
            "Bedrijventerrein Woerden-West wacht op aansluitingen.", ["medium", "sufficient", "much", "medium", "medium", "littleEffort", "littleEffort"], 5, 2027),
            "realisation", "", null),
    ];

    /// <summary>The ministry that runs the national MIEK round.</summary>
    public const string Ministry = "KGG";

    /// <summary>The transport capacity a demo project adds (MW), by infrastructure type; null where it adds none.</summary>
    private static double? CapacityOf(string type) => type switch
    {
        "newHvStation" => 120, "hvStationExpansion" => 60, "hvConnection" => 80, "newMvRouteAndStation" => 20, "mvStationExpansion" => 10,
        "storage" => 10, "chargingInfrastructure" => 8, _ => null,
    };

    public sealed record Demo(List<ProgrammeCycleVersion> Cycles, List<MiekProjectVersion> Projects, List<MiekAssessmentVersion> Assessments,
        List<MiekProgressUpdate> Progress);

    public static Demo Generate(IReadOnlyList<DevelopmentVersion> demo, IReadOnlyList<EnergyAreaVersion> areas, DateTime now)
    {
        var result = new Demo([], [], [], []);
        var previous = Cycle("pmiek-2.0", "pMIEK 2.0 provincie Utrecht (demo)", 2025, new DateOnly(2025, 1, 15), new DateOnly(2025, 10, 1), now);
        result.Cycles.Add(previous);
        foreach (var project in Add(result, previous, PreviousProjects.Select(p => p.Plan), demo, areas, now))
        {
            var (_, phase, schedule, reason) = PreviousProjects.Single(p => p.Plan.Code == project.Code);
            if (schedule.Length == 0) continue; // this one never reported: the progress report shows it as such
            // The last two half-years before the demo is loaded, so the report is current whenever it is run.
            var lastHalf = now.Month > 6 ? new DateOnly(now.Year, 6, 30) : new DateOnly(now.Year - 1, 12, 31);
            var halfBefore = lastHalf.Month == 6 ? new DateOnly(lastHalf.Year - 1, 12, 31) : new DateOnly(lastHalf.Year, 6, 30);
            foreach (var (date, sched) in new[] { (halfBefore, "onSchedule"), (lastHalf, schedule) })
                result.Progress.Add(new MiekProgressUpdate
                {
                    UpdateId = Id($"{project.Code}/progress/{date:yyyy-MM-dd}"), ProjectId = project.ProjectId, OwnerCode = project.OwnerCode, AsOfDate = date,
                    Phase = phase, Schedule = sched, Reason = sched == "onSchedule" ? null : reason, AuthorOrganisation = DemoGrid.Operator, ChangedBy = "demo-seed",
                    RecordedAt = now,
                });
        }
        var cycle = Cycle("pmiek-3.0", "pMIEK 3.0 provincie Utrecht (demo)", 2027, new DateOnly(2027, 1, 15), new DateOnly(2027, 10, 1), now);
        result.Cycles.Add(cycle);
        Add(result, cycle, Projects, demo, areas, now);
        // The ministry's national round of the same year: it gathers every province's pMIEK 3.0 (GET /miek-projects?cycle=…).
        result.Cycles.Add(new ProgrammeCycleVersion
        {
            CycleId = Id("cycle/national-2027"), Version = 1, ValidFrom = now, OwnerCode = Ministry, Code = "miek-2027", Name = "MIEK 2027 (demo)", Year = 2027,
            Scope = ProgrammeCycleContracts.National, Description = "Fictieve nationale ronde: verzamelt de pMIEK's van 2027.",
            MilestonesJson = JsonSerializer.Serialize(new[] { new Milestone("adoption", new DateOnly(2027, 12, 1)) }, DevelopmentMapping.StoredJson),
            ChangedBy = "demo-seed", CreatedAt = now,
        });
        return result;
    }

    private static ProgrammeCycleVersion Cycle(string code, string name, int year, DateOnly baseline, DateOnly adoption, DateTime now) => new()
    {
        CycleId = Id(code == "pmiek-3.0" ? "cycle" : "cycle/" + code), Version = 1, ValidFrom = now, OwnerCode = DemoSeed.Province, Code = code, Name = name,
        Year = year, Scope = DemoSeed.Province, Description = "Fictieve demo-ronde; baseline bevroren bij het laden van de demo.",
        MilestonesJson = JsonSerializer.Serialize(new[] { new Milestone("baseline", baseline), new Milestone("adoption", adoption) }, DevelopmentMapping.StoredJson),
        BaselineAt = now, PublishedAt = now, ChangedBy = "demo-seed", CreatedAt = now,
    };

    private static List<MiekProjectVersion> Add(Demo result, ProgrammeCycleVersion cycle, IEnumerable<Plan> plans, IReadOnlyList<DevelopmentVersion> demo,
        IReadOnlyList<EnergyAreaVersion> areas, DateTime now)
    {
        var projects = new List<MiekProjectVersion>();
        var assessments = result.Assessments;
        var catalogue = AreaCatalogue.Instance;
        foreach (var p in plans)
        {
            var municipality = catalogue.Municipalities.Single(m => m.ProvinceCode == DemoSeed.Province && m.Name == p.Municipality);
            string[] sectors = p.Carrier == "heat" ? ["heat", "housing"] : ["housing", "businessPark", "mobility"];
            // The developments behind it: the municipality's public plans in the project's sectors (housing first).
            var developments = demo.Where(d => d.MunicipalityCode == municipality.Code && d.Visibility == "public" && sectors.Contains(d.Sector))
                .OrderBy(d => Array.IndexOf(sectors, d.Sector)).ThenByDescending(d => d.ContentHash, StringComparer.Ordinal).Take(3).Select(d => d.DevelopmentId).ToList();
            var area = areas.Where(a => a.ShortCode == $"OS {p.Municipality}").Select(a => a.AreaId).ToList();
            var fiche = new MiekFiche(sectors, developments, area,
                p.Type.Contains("Station", StringComparison.Ordinal) ? [$"Uitbreiding OS {p.Municipality}"] : [],
                new Finance(p.Cost, p.Decision == "prioritised" ? "extraSupportNeeded" : "covered"),
                new Planning(p.Delivery, p.ProjectType == "concrete" ? "planning" : "exploration", "planning"),
                [new Party(DemoGrid.Operator, "netbeheerder, uitvoerder"), new Party(municipality.Code, "bevoegd gezag")],
                $"{p.Name} (fictief, demo).", p.Reason, p.Decision == "notIncluded" ? "confirmationOfNeed" : "acceleration",
                new Dependencies([], p.Type == "newHvStation" ? ["380 kV-station Utrecht-Noord (MIEK)"] : [], []), "Stedin realiseert; de gemeente versnelt de vergunning.",
                CapacityOf(p.Type));
            var project = new MiekProjectVersion
            {
                ProjectId = Id(p.Code), Version = 1, ValidFrom = now, OwnerCode = DemoSeed.Province, CycleId = cycle.CycleId, Code = p.Code, Name = p.Name,
                InfrastructureType = p.Type, Carrier = p.Carrier, ProjectType = p.ProjectType,
                Status = p.Decision == "prioritised" ? "pmiekStatus" : p.ProposedByStedin ? "proposed" : "candidate",
                ProposedBy = p.ProposedByStedin ? DemoGrid.Operator : DemoSeed.Province, Geometry = municipality.Boundary.InteriorPoint,
                FicheJson = JsonSerializer.Serialize(fiche, DevelopmentMapping.StoredJson), ChangedBy = "demo-seed", CreatedAt = now,
            };
            projects.Add(project);
            var criteria = WeighingFrameworkContracts.Default.Criteria;
            for (var i = 0; i < criteria.Count; i++)
            {
                var c = criteria[i];
                var grid = c.ScoredBy == WeighingFrameworkContracts.GridOperator;
                assessments.Add(Assessment(project, "score", c.Code, c.Scale is null ? p.Cost.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : p.Scores[i],
                    grid ? "Beoordeling Stedin op basis van de capaciteitskaart en het investeringsplan (fictief)." : "Beoordeling werkorganisatie pMIEK (fictief).",
                    grid ? DemoGrid.Operator : DemoSeed.Province, now));
            }
            assessments.Add(Assessment(project, "decision", "", p.Decision, p.Reason, DemoSeed.Province, now));
        }
        result.Projects.AddRange(projects);
        return projects;
    }

    private static MiekAssessmentVersion Assessment(MiekProjectVersion project, string kind, string criterion, string value, string rationale, string author, DateTime now) => new()
    {
        AssessmentId = Id($"{project.Code}/{kind}/{criterion}"), ProjectId = project.ProjectId, Version = 1, ValidFrom = now, OwnerCode = project.OwnerCode,
        Kind = kind, Criterion = criterion, Value = value, Rationale = rationale, AuthorOrganisation = author, ChangedBy = "demo-seed",
    };

    private static Guid Id(string key) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("datahub-demo-pmiek:" + key)));
}
