using System.Globalization;
using CsvHelper;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Programme;

/// <summary>
/// The national MIEK format as CSV: one row per project, the project-list columns first, then the fiche's; lists
/// joined with "; ", the location as an interior point (lon/lat, CRS84). Text that a spreadsheet would run as a
/// formula (=, +, -, @, tab, CR at the start) is escaped with a leading apostrophe (CsvHelper's injection guard),
/// since these files are opened in Excel at the ministry. Columns: api-docs/miek-national-format.md.
/// </summary>
public static class MiekProjectCsv
{
    public static readonly string[] Columns =
    [
        "province", "cycle", "code", "name", "infrastructureType", "carrier", "projectType", "status", "decision", "decisionReason", "proposedBy",
        "longitude", "latitude", "sectors", "developments", "energyAreas", "works", "capacityMw", "investmentEurMillions", "coverage",
        "indicativeDelivery", "infrastructurePhase", "developmentsPhase", "parties", "reasonForInclusion", "description", "narrative",
        "dependsOnPmiekProjects", "dependsOnMiekProjects", "dependsOutsideProvince", "executionAgreements", "id", "version", "updatedAt",
    ];

    public static IResult Result(IReadOnlyList<MiekProjectResponse> items, IReadOnlyDictionary<Guid, ProgrammeCycleVersion> cycles) =>
        Results.Text(Write(items, cycles), "text/csv; charset=utf-8");

    public static string Write(IReadOnlyList<MiekProjectResponse> items, IReadOnlyDictionary<Guid, ProgrammeCycleVersion> cycles)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true))
        {
            csv.WriteRecord(Columns);
            foreach (var p in items)
            {
                var point = p.Geometry is { IsEmpty: false } g ? (g is Point pt ? pt : g.InteriorPoint) : null;
                csv.WriteRecord(
                [
                    p.Owner, cycles.TryGetValue(p.Cycle, out var c) ? c.Code : p.Cycle.ToString(), p.Code, p.Name, p.InfrastructureType, p.Carrier, p.ProjectType,
                    p.Status, p.Decision, p.DecisionReason, p.ProposedBy, Number(point?.X), Number(point?.Y), Join(p.Sectors), Join(p.Developments),
                    Join(p.EnergyAreas), Join(p.Works), Number(p.CapacityMw), Number(p.Finance.InvestmentEurMillions), p.Finance.Coverage,
                    p.Planning.IndicativeDelivery?.ToString(CultureInfo.InvariantCulture), p.Planning.InfrastructurePhase, p.Planning.DevelopmentsPhase,
                    string.Join("; ", p.Parties.Select(x => $"{x.Organisation} ({x.Role})")), p.ReasonForInclusion, p.Description, p.Narrative,
                    Join(p.Dependencies.PmiekProjects), Join(p.Dependencies.MiekProjects), Join(p.Dependencies.OutsideProvince), p.ExecutionAgreements,
                    p.Id.ToString(), p.Version.ToString(CultureInfo.InvariantCulture), p.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
                ]);
            }
        }
        return text.ToString();
    }

    private static string Join<T>(IEnumerable<T> values) => string.Join("; ", values);

    private static string? Number(double? v) => v?.ToString("0.######", CultureInfo.InvariantCulture);
}
