using DataHub.Api.Features.Aggregates;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Analysis;

/// <summary>A development's electricity load from a year on, until its next step. <c>Present</c>: a rule or statement applies.</summary>
public readonly record struct LoadStep(int Year, double PeakOfftakeMw, double PeakFeedInMw, double AnnualEnergyMwh, bool Present);

/// <summary>A development as the model holds it: what access needs, where it lies and its load steps per rule set.</summary>
public sealed class ModelDevelopment
{
    /// <summary>Position in the model, for per-request caches.</summary>
    public required int Index { get; init; }
    public required Guid Id { get; init; }
    // What the access policy reads of a development (pooled strings): no per-development copy of the version row,
    // so a rebuild promotes a quarter of the memory it otherwise would.
    public required string Owner { get; init; }
    public required string Visibility { get; init; }
    public required string PlanType { get; init; }
    public required string SectorCode { get; init; }
    public required string Certainty { get; init; }
    public string? Municipality { get; init; }
    public string? Province { get; init; }
    public string? ResRegion { get; init; }

    /// <summary>The fields the access policy reads, written into a version row (a scratch row, or a new one for the audit trail).</summary>
    public DevelopmentVersion AccessRow(DevelopmentVersion? into = null)
    {
        var row = into ?? new DevelopmentVersion
        {
            OwnerCode = "", ExternalId = "", ChangedBy = "", ChangeKind = "", Name = "", PlanType = "", Sector = "", Kind = "", AssetType = "",
            Certainty = "", Visibility = "", OtherMunicipalityCodes = "", Geometry = Point.Empty, QuantitiesJson = "", EnergyJson = "",
            CarriersJson = "", SourceJson = "", ContentHash = "",
        };
        (row.DevelopmentId, row.OwnerCode, row.Visibility, row.PlanType, row.Sector, row.Certainty) = (Id, Owner, Visibility, PlanType, SectorCode, Certainty);
        (row.MunicipalityCode, row.ProvinceCode, row.ResRegionCode) = (Municipality, Province, ResRegion);
        return row;
    }

    public required int Sector { get; init; }
    /// <summary>The scenarios the development counts in, as bits (<see cref="GridModel.ScenarioBit"/>).</summary>
    public required int Scenarios { get; init; }
    public required (int Area, double Share)[] Shares { get; init; }
    /// <summary>Per rule set (model order): the load from the rules only.</summary>
    public required LoadStep[][] RuleSteps { get; init; }
    /// <summary>Per rule set: the load with stated energy overriding; null when the development states none.</summary>
    public LoadStep[][]? StatedSteps { get; init; }
}

/// <summary>One development's share of an area.</summary>
public readonly record struct ModelEntry(ModelDevelopment Development, double Share);

/// <summary>The state of the analysed data: when it changes, the model is brought up to date.</summary>
public sealed record DataStamp(long DevelopmentVersions, long LastDevelopmentRow, long AreaVersions, long LastAreaRow);
