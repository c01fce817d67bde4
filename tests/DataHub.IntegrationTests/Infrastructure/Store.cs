using DataHub.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataHub.IntegrationTests.Infrastructure;

/// <summary>
/// Row counts of every table a write can touch (all but the audit trail, to which reads add): equal before and after
/// means nothing was stored.
/// </summary>
public sealed record StoreCounts(int Records, int Versions, int Imports, int Plans, int Agreements, int AccessGrants,
    int EnergyAreas, int CapacityMapImports, int Quickscans, int Variants, int Stations, int ChangeEvents,
    int ProgrammeCycles, int MiekProjects, int MiekAssessments, int MiekProgress, int WeighingFrameworks)
{
    public static async Task<StoreCounts> Of(Hub hub)
    {
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DataHubDb>();
        return new StoreCounts(await db.Developments.CountAsync(), await db.DevelopmentVersions.CountAsync(),
            await db.DevelopmentImports.CountAsync(), await db.PlanVersions.CountAsync(), await db.SharingAgreementVersions.CountAsync(),
            await db.AccessGrants.CountAsync(), await db.EnergyAreaVersions.CountAsync(), await db.CapacityMapImports.CountAsync(),
            await db.Quickscans.CountAsync(), await db.Variants.CountAsync(), await db.StationVersions.CountAsync(),
            await db.ChangeEvents.CountAsync(), await db.ProgrammeCycleVersions.CountAsync(), await db.MiekProjectVersions.CountAsync(),
            await db.MiekAssessmentVersions.CountAsync(), await db.MiekProgressUpdates.CountAsync(), await db.WeighingFrameworkVersions.CountAsync());
    }
}
