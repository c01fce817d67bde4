namespace DataHub.Api.Features.Ogc;

/// <summary>Where the OGC API lives and what it conforms to (only the classes that work: see api-docs/gis.md).</summary>
public static class OgcApi
{
    public const string BasePath = "/ogc/v1";

    public static readonly string[] ConformsTo =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
        .. Cql2.ConformsTo,
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    ];
}

/// <summary>The OGC API – Features collections, in the order the landing page lists them.</summary>
public static class OgcSetup
{
    public static IServiceCollection AddOgcFeatures(this IServiceCollection services)
    {
        services.AddScoped<IOgcCollection, Developments.DevelopmentOgcCollection>();
        services.AddScoped<IOgcCollection, Grid.EnergyAreaOgcCollection>();
        services.AddScoped<IOgcCollection, Grid.StationOgcCollection>();
        services.AddScoped<IOgcCollection, Grid.WorkOgcCollection>();
        services.AddScoped<IOgcCollection, Analysis.AreaCapacityOgcCollection>();
        services.AddScoped<IOgcCollection, Analysis.BottleneckOgcCollection>();
        services.AddScoped<IOgcCollection, Analysis.AdminAreaLoadOgcCollection>();
        services.AddScoped<IOgcCollection, Programme.MiekProjectOgcCollection>();
        return services;
    }
}
