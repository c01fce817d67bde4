using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Grid;

/// <summary>
/// Energy and congestion areas with their capacity, now or as they were at asOf. The capacity map is open data
/// (Netbeheer Nederland publishes it), so energy areas are public to read.
/// </summary>
public sealed class EnergyAreaReads(DataHubDb db)
{
    /// <summary>The areas, optionally of one operator, one kind, or linked to one congestion area, by operator and short code.</summary>
    public async Task<Outcome<List<EnergyAreaVersion>>> ListAsync(string? operatorCode, string? kind, string? congestionArea, DateTime? asOf, CancellationToken ct)
    {
        if (kind is not null && Array.IndexOf(CodeLists.EnergyAreaKinds, kind) < 0)
            return Problems.Validation([new FieldError("", "unknownCode", "kind is energy_area or congestion_area") { Parameter = "kind" }]);
        var rows = db.EnergyAreaVersions.AsNoTracking().InForceAt(asOf);
        if (operatorCode is not null) rows = rows.Where(a => a.OperatorCode == operatorCode);
        if (kind is not null) rows = rows.Where(a => a.Kind == kind);
        if (congestionArea is not null) rows = rows.Where(a => a.DemandCongestionAreaCode == congestionArea || a.GenerationCongestionAreaCode == congestionArea);
        return await rows.OrderBy(a => a.OperatorCode).ThenBy(a => a.ShortCode).ToListAsync(ct);
    }

    public async Task<Outcome<EnergyAreaVersion>> GetAsync(Guid id, CancellationToken ct) =>
        await db.EnergyAreaVersions.AsNoTracking().FirstOrDefaultAsync(a => a.AreaId == id && a.ValidTo == null, ct) is { } row
            ? row : Problems.NotFound($"There is no energy area {id}.");

    /// <summary>The areas as REST answers them, each with the congestion areas it lies in.</summary>
    public async Task<List<EnergyAreaResponse>> ToResponsesAsync(List<EnergyAreaVersion> areas, DateTime? asOf, CancellationToken ct)
    {
        var links = await CongestionAreasAsync(areas, asOf, ct);
        return [.. areas.Select(a => ToResponse(a, links))];
    }

    /// <summary>The congestion areas the given areas refer to, by short code.</summary>
    private async Task<ILookup<string, EnergyAreaVersion>> CongestionAreasAsync(List<EnergyAreaVersion> areas, DateTime? asOf, CancellationToken ct)
    {
        var codes = areas.SelectMany(a => new[] { a.DemandCongestionAreaCode, a.GenerationCongestionAreaCode }).OfType<string>().Distinct().ToList();
        if (codes.Count == 0) return Array.Empty<EnergyAreaVersion>().ToLookup(a => a.ShortCode);
        return (await db.EnergyAreaVersions.AsNoTracking().InForceAt(asOf).Where(a => a.Kind == "congestion_area" && codes.Contains(a.ShortCode))
            .OrderBy(a => a.OperatorCode).ToListAsync(ct)).ToLookup(a => a.ShortCode);
    }

    private static IReadOnlyList<CongestionAreaLink> Links(EnergyAreaVersion a, ILookup<string, EnergyAreaVersion> congestion) =>
        [.. new[] { ("demand", a.DemandCongestionAreaCode), ("generation", a.GenerationCongestionAreaCode) }
            .Where(x => x.Item2 is not null)
            .Select(x => congestion[x.Item2!].FirstOrDefault() is { } c ? new CongestionAreaLink(x.Item1, x.Item2!, c.AreaId, c.OperatorCode) : new CongestionAreaLink(x.Item1, x.Item2!, null, null))];

    private static EnergyAreaResponse ToResponse(EnergyAreaVersion a, ILookup<string, EnergyAreaVersion> congestion) => new(
        a.AreaId, a.OperatorCode, a.ShortCode, a.Kind, a.Description,
        new CapacityFigures(a.DemandAvailableMw, a.DemandQuotedMw, a.DemandInQueueMw, a.DemandRequestsInQueue, a.DemandForecastMw,
            a.DemandAlleviationYear, a.DemandConstraint, a.DemandCongestionAreaCode),
        new CapacityFigures(a.GenerationAvailableMw, a.GenerationQuotedMw, a.GenerationInQueueMw, a.GenerationRequestsInQueue, a.GenerationForecastMw,
            a.GenerationAlleviationYear, a.GenerationConstraint, a.GenerationCongestionAreaCode),
        JsonDocument.Parse(a.WorksJson).RootElement.Clone(), JsonDocument.Parse(a.PostcodeAreasJson).RootElement.Clone(),
        a.Geometry, JsonSerializer.Deserialize<List<CapacityYear>>(a.CapacityJson, DevelopmentMapping.StoredJson)!,
        a.Version, a.ValidFrom, Links(a, congestion));

}
