namespace DataHub.Api.Http;

public static class Cors
{
    /// <summary>CORS for the origins in DataHub:CorsAllowedOrigins only; none by default.</summary>
    public static IServiceCollection AddDataHubCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("DataHub:CorsAllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            if (origins.Length > 0)
                p.WithOrigins(origins).AllowAnyMethod()
                 .WithHeaders("Authorization", "Content-Type", "Content-Crs", "If-Match", "Accept")
                 .WithExposedHeaders("API-Version", "ETag", "Location", "Content-Crs");
        }));
        return services;
    }
}
