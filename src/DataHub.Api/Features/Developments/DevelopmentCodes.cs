namespace DataHub.Api.Features.Developments;

/// <summary>The code lists of the exchange standard (schemas/development.schema.json). Domain codes keep their Dutch names.</summary>
public static class DevelopmentCodes
{
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
}
