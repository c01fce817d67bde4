using System.Text.Json;
using DataHub.Api.Data;
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

    public static (ProgrammeCycleVersion Cycle, List<MiekProjectVersion> Projects, List<MiekAssessmentVersion> Assessments) Generate(
        IReadOnlyList<DevelopmentVersion> demo, IReadOnlyList<EnergyAreaVersion> areas, DateTime now)
    {
        var cycle = new ProgrammeCycleVersion
        {
            CycleId = Id("cycle"), Version = 1, ValidFrom = now, OwnerCode = DemoSeed.Province, Code = "pmiek-3.0", Name = "pMIEK 3.0 provincie Utrecht (demo)",
            Year = 2027, Scope = DemoSeed.Province, Description = "Fictieve demo-ronde; baseline bevroren bij het laden van de demo.",
            MilestonesJson = JsonSerializer.Serialize(new[] { new Milestone("baseline", new DateOnly(2027, 1, 15)), new Milestone("adoption", new DateOnly(2027, 10, 1)) }, DevelopmentMapping.StoredJson),
            BaselineAt = now, ChangedBy = "demo-seed", CreatedAt = now,
        };
        var projects = new List<MiekProjectVersion>();
        var assessments = new List<MiekAssessmentVersion>();
        var catalogue = AreaCatalogue.Instance;
        foreach (var p in Projects)
        {
            var municipality = catalogue.Municipalities.Single(m => m.ProvinceCode == DemoSeed.Province && m.Name == p.Municipality);
            var developments = demo.Where(d => d.MunicipalityCode == municipality.Code && d.Visibility == "public")
                .OrderByDescending(d => d.ContentHash, StringComparer.Ordinal).Take(3).Select(d => d.DevelopmentId).ToList();
            var area = areas.Where(a => a.ShortCode == $"OS {p.Municipality}").Select(a => a.AreaId).ToList();
            var fiche = new MiekFiche(p.Carrier == "heat" ? ["heat", "housing"] : ["housing", "businessPark", "mobility"], developments, area,
                p.Type.Contains("Station", StringComparison.Ordinal) ? [$"Uitbreiding OS {p.Municipality}"] : [],
                new Finance(p.Cost, p.Decision == "prioritised" ? "extraSupportNeeded" : "covered"),
                new Planning(p.Delivery, p.ProjectType == "concrete" ? "planning" : "exploration", "planning"),
                [new Party(DemoGrid.Operator, "netbeheerder, uitvoerder"), new Party(municipality.Code, "bevoegd gezag")],
                $"{p.Name} (fictief, demo).", p.Reason, p.Decision == "notIncluded" ? "confirmationOfNeed" : "acceleration",
                new Dependencies([], p.Type == "newHvStation" ? ["380 kV-station Utrecht-Noord (MIEK)"] : [], []), "Stedin realiseert; de gemeente versnelt de vergunning.");
            var project = new MiekProjectVersion
            {
                ProjectId = Id(p.Code), Version = 1, ValidFrom = now, OwnerCode = DemoSeed.Province, CycleId = cycle.CycleId, Code = p.Code, Name = p.Name,
                InfrastructureType = p.Type, Carrier = p.Carrier, ProjectType = p.ProjectType,
                Status = p.Decision == "prioritised" ? "pmiekStatus" : p.ProposedByStedin ? "proposed" : "candidate",
                ProposedBy = p.ProposedByStedin ? DemoGrid.Operator : DemoSeed.Province, Geometry = municipality.Boundary.InteriorPoint,
                FicheJson = JsonSerializer.Serialize(fiche, DevelopmentMapping.StoredJson), ChangedBy = "demo-seed", CreatedAt = now,
            };
            projects.Add(project);
            var criteria = MiekAssessmentEndpoints.Default.Criteria;
            for (var i = 0; i < criteria.Count; i++)
            {
                var c = criteria[i];
                var grid = c.ScoredBy == MiekAssessmentEndpoints.GridOperator;
                assessments.Add(Assessment(project, "score", c.Code, c.Scale is null ? p.Cost.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : p.Scores[i],
                    grid ? "Beoordeling Stedin op basis van de capaciteitskaart en het investeringsplan (fictief)." : "Beoordeling werkorganisatie pMIEK (fictief).",
                    grid ? DemoGrid.Operator : DemoSeed.Province, now));
            }
            assessments.Add(Assessment(project, "decision", "", p.Decision, p.Reason, DemoSeed.Province, now));
        }
        return (cycle, projects, assessments);
    }

    private static MiekAssessmentVersion Assessment(MiekProjectVersion project, string kind, string criterion, string value, string rationale, string author, DateTime now) => new()
    {
        AssessmentId = Id($"{project.Code}/{kind}/{criterion}"), ProjectId = project.ProjectId, Version = 1, ValidFrom = now, OwnerCode = project.OwnerCode,
        Kind = kind, Criterion = criterion, Value = value, Rationale = rationale, AuthorOrganisation = author, ChangedBy = "demo-seed",
    };

    private static Guid Id(string key) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("datahub-demo-pmiek:" + key)));
}
