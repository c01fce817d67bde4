using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Grid;

/// <summary>What a capacity-map import did (or, for a dry run, would do: then without an id).</summary>
public sealed record CapacityMapImportReport(Guid? Id, string Operator, string Identifier, string ConformsTo, string Issued,
    int Created, int Updated, int Unchanged, DateTime CreatedAt, bool DryRun = false);

public sealed record EnergyAreaResponse(
    Guid Id, string Operator, string ShortCode, string Kind, string? Description,
    CapacityFigures Demand, CapacityFigures Generation,
    System.Text.Json.JsonElement Works, System.Text.Json.JsonElement PostcodeAreas,
    NetTopologySuite.Geometries.Geometry? Geometry, IReadOnlyList<CapacityYear> Capacity, int Version, DateTime UpdatedAt,
    IReadOnlyList<CongestionAreaLink> CongestionAreas);

/// <summary>
/// A DSO energy area's link to the TSO congestion area it lies in, for demand or generation, as the capacity map
/// states it (<c>demand_energy_area_short_code</c> / <c>generation_energy_area_short_code</c>); <c>id</c> and
/// <c>operator</c> are filled when the hub holds that congestion area.
/// </summary>
public sealed record CongestionAreaLink(string Direction, string ShortCode, Guid? Id, string? Operator);

public sealed record EnergyAreaImportReport(Guid? Id, string Operator, int Updated, int Unchanged, bool DryRun = false);

public sealed record CapacityFigures(double? AvailableMw, double? QuotedMw, double? InQueueMw, int? RequestsInQueue, double? ForecastMw,
    int? AlleviationYear, string? Constraint, string? CongestionAreaCode);

public sealed record EnergyAreaList(IReadOnlyList<EnergyAreaResponse> Items, int NumberReturned);

public sealed record StationInput(string Code, string Name, IReadOnlyList<int> VoltagesKv, string? EnergyAreaShortCode, Point Location);

public sealed record StationResponse(Guid Id, string Operator, string Code, string Name, IReadOnlyList<int> VoltagesKv, string? EnergyAreaShortCode,
    Geometry Geometry, int Version, DateTime UpdatedAt);

public sealed record StationList(IReadOnlyList<StationResponse> Items, int NumberReturned);

public sealed record StationImportReport(string Operator, int Created, int Updated, int Unchanged);
