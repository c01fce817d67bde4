using DataHub.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataHub.IntegrationTests.Infrastructure;

/// <summary>Row counts of every table a write touches: equal before and after means nothing was stored.</summary>
public sealed record StoreCounts(int Records, int Versions, int Imports, int Plans, int Agreements)
{
    public static async Task<StoreCounts> Of(Hub hub)
    {
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DataHubDb>();
        return new StoreCounts(await db.Developments.CountAsync(), await db.DevelopmentVersions.CountAsync(),
            await db.DevelopmentImports.CountAsync(), await db.PlanVersions.CountAsync(), await db.SharingAgreementVersions.CountAsync());
    }
}
