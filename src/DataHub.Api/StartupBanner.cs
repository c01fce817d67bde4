using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DataHub.Api;

/// <summary>Tells whoever ran the hub where it listens and how to get a token.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "http://localhost:5080";
        var options = app.Configuration.GetSection(DataHubOptions.Section).Get<DataHubOptions>() ?? new DataHubOptions();
        Console.WriteLine();
        Console.WriteLine($"DataHub is running at {url}  (database: {options.Database.Provider}, API docs: {url}/api/v1/docs)");
        if (app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
            Console.WriteLine($"  The map:    open {url}/ in a browser (in Dutch; pick a demo organisation at the top to sign in)");
        Console.WriteLine($"  Try:        curl {url}/api/v1/developments?municipality=GM0344&limit=5");
        if (Access.Authentication.LocalIssuer(app.Configuration, app.Environment) is not null)
            Console.WriteLine("  Get a token: dotnet run --project src/DataHub.Api --no-build -- token --org GM0344 --roles Submitter");
        Console.WriteLine();
    }
}
