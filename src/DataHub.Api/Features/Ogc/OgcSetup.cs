namespace DataHub.Api.Features.Ogc;

/// <summary>The OGC API – Features collections, in the order the landing page lists them.</summary>
public static class OgcSetup
{
    public static IServiceCollection AddOgcFeatures(this IServiceCollection services)
    {
        services.AddScoped<IOgcCollection, Developments.DevelopmentOgcCollection>();
        services.AddScoped<IOgcCollection, Grid.EnergyAreaOgcCollection>();
        services.AddScoped<IOgcCollection, Grid.StationOgcCollection>();
        services.AddScoped<IOgcCollection, Analysis.AreaCapacityOgcCollection>();
        services.AddScoped<IOgcCollection, Analysis.BottleneckOgcCollection>();
        return services;
    }
}
