using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Grid;

/// <summary>Stations (HS/MS substations) pushed by their grid operator as GeoJSON points; public to read, versioned: the list, now or as it was at asOf, optionally of one operator.</summary>
public sealed class StationReads(DataHubDb db)
{
    public async Task<StationList> ListAsync(string? operatorCode, DateTime? asOf, CancellationToken ct)
    {
        var rows = db.StationVersions.AsNoTracking().InForceAt(asOf);
        if (!string.IsNullOrEmpty(operatorCode)) rows = rows.Where(s => s.OperatorCode == operatorCode);
        var items = (await rows.OrderBy(s => s.OperatorCode).ThenBy(s => s.Code).ToListAsync(ct)).Select(StationReads.ToResponse).ToList();
        return new StationList(items, items.Count);
    }

    public static StationResponse ToResponse(StationVersion s) => new(s.StationId, s.OperatorCode, s.Code, s.Name,
        JsonSerializer.Deserialize<List<int>>(s.VoltagesJson)!, s.EnergyAreaShortCode, s.Geometry, s.Version, s.ValidFrom);
}
