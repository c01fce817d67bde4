namespace DataHub.Api.Operations;

/// <summary>
/// Every code list of the hub in one place: the exchange standard's (schemas/development.schema.json), the grid's,
/// the plans', the pMIEK programme's and the analysis levels. Domain codes keep their Dutch names. Readers check
/// against these; the OpenAPI descriptions, the JSON Schemas and the map's labels name the same codes.
/// </summary>
public static class CodeLists
{
    // The exchange standard: developments.
    public static readonly string[] PlanTypes = ["RES", "CES", "RAL", "RMP", "woonagenda", "TVW", "IP", "other"];
    public static readonly string[] Sectors =
        ["housing", "utilityBuildings", "businessPark", "industry", "mobility", "renewableGeneration", "agriculture", "heat", "storageConversion", "other"];
    public static readonly string[] AssetTypes = ["producer", "consumer", "storage", "conversion", "transport"];
    /// <summary>From most to least certain. "permitted" covers adopted plans, "ambition" covers search areas.</summary>
    public static readonly string[] Certainties = ["realised", "underConstruction", "permitted", "inProcedure", "planned", "ambition"];
    public static readonly string[] Visibilities = ["public", "shared", "confidential"];
    public static readonly string[] Carriers = ["electricity", "naturalGas", "hydrogen", "heat", "greenGas", "co2", "other"];
    public static readonly string[] Units =
        ["homes", "m2", "hectares", "kWp", "MWp", "kW", "MW", "MWh", "GWh", "chargingPoints", "vehicles", "connections", "GJ", "tonnes", "m3"];
    /// <summary>The documented core of the open <c>kind</c> code list; other lowerCamelCase codes are accepted.</summary>
    public static readonly string[] CoreKinds =
    [
        "newBuildHomes", "homeRenovation", "utilityBuilding", "businessPark", "solarPark", "rooftopSolar", "windTurbine",
        "chargingHub", "busDepot", "truckCharging", "shorePower", "electrification", "heatNetwork", "heatPumps", "battery",
        "electrolyser", "dataCentre", "greenhouse", "substationExpansion", "newSubstation", "cableRoute", "searchArea",
    ];

    /// <summary>The sector a core kind belongs to, for when a caller names only the kind (quickscans).</summary>
    public static readonly IReadOnlyDictionary<string, string> SectorOfKind = new Dictionary<string, string>
    {
        ["newBuildHomes"] = "housing", ["homeRenovation"] = "housing", ["heatPumps"] = "housing", ["utilityBuilding"] = "utilityBuildings",
        ["businessPark"] = "businessPark", ["solarPark"] = "renewableGeneration", ["rooftopSolar"] = "renewableGeneration",
        ["windTurbine"] = "renewableGeneration", ["searchArea"] = "renewableGeneration", ["chargingHub"] = "mobility", ["busDepot"] = "mobility",
        ["truckCharging"] = "mobility", ["shorePower"] = "mobility", ["electrification"] = "industry", ["dataCentre"] = "industry",
        ["heatNetwork"] = "heat", ["battery"] = "storageConversion", ["electrolyser"] = "storageConversion", ["greenhouse"] = "agriculture",
        ["substationExpansion"] = "other", ["newSubstation"] = "other", ["cableRoute"] = "other",
    };

    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public static bool IsKnown(string[] list, string value) => Array.IndexOf(list, value) >= 0;

    // Areas: the administrative levels of aggregates and loads.
    public static readonly string[] AreaLevels = ["municipality", "resRegion", "province", "national"];

    // Grid: the capacity map (im-capaciteitskaart v1.3).
    public static readonly string[] EnergyAreaKinds = ["energy_area", "congestion_area"];
    public static readonly string[] CapacityConstraints = ["transparant", "red", "amber", "yellow"];

    // Source plans.
    public static readonly string[] PlanStatuses = ["draft", "consultation", "adopted", "superseded", "withdrawn"];

    // The pMIEK programme: cycles.
    public static readonly string[] CycleStatuses = ["open", "frozen", "published"];
    public static readonly string[] MilestoneKinds = ["baseline", "projectDeadline", "scoring", "decision", "adoption", "delivery"];

    // The pMIEK programme: projects (the national format).
    public static readonly string[] InfrastructureTypes =
    [
        "hvStationExpansion", "newHvStation", "mvStationExpansion", "newMvRouteAndStation", "hvConnection", "tsoStation",
        "hydrogenPipeline", "electrolyser", "heatNetwork", "heatSource", "gasNetworkAdjustment", "co2Pipeline", "storage", "chargingInfrastructure", "other",
    ];
    public static readonly string[] ProjectCarriers = ["electricity", "hydrogen", "heat", "methane", "co2", "multiple"];
    public static readonly string[] ProjectTypes = ["research", "exploration", "concrete"];
    /// <summary>proposed (by a grid operator or party), candidate (on the list, being weighed), pmiekStatus (granted pMIEK status), withdrawn.</summary>
    public static readonly string[] ProjectStatuses = ["proposed", "candidate", "pmiekStatus", "withdrawn"];
    public static readonly string[] Coverages = ["covered", "extraSupportNeeded", "unknown"];
    public static readonly string[] Phases = ["idea", "exploration", "planning", "realisation", "operational"];
    public static readonly string[] Reasons = ["acceleration", "prioritisation", "confirmationOfNeed"];

    // The pMIEK programme: weighing, decisions and progress.
    public static readonly string[] CriterionTypes = ["societalValue", "systemTest", "feasibility", "cost", "other"];
    /// <summary>In rank order: the list's sort by decision follows it.</summary>
    public static readonly string[] Decisions = ["prioritised", "included", "notIncluded"];
    public static readonly string[] Schedules = ["onSchedule", "ahead", "delayed", "stopped"];
}
