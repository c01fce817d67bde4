using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Plans;

namespace DataHub.Api.Operations;

/// <summary>
/// The features' operations, one scoped service per feature and direction (reads, writes): what REST endpoints,
/// GraphQL resolvers and the other surfaces call. See api-docs/architecture.md.
/// </summary>
public static class OperationsSetup
{
    public static IServiceCollection AddDataHubOperations(this IServiceCollection services) => services
        .AddScoped<DevelopmentReads>()
        .AddScoped<DevelopmentWrites>()
        .AddScoped<GridAnalysisReads>()
        .AddScoped<QuickscanReads>()
        .AddScoped<Features.Organisations.OrganisationReads>()
        .AddScoped<Features.Grid.StationReads>()
        .AddScoped<QuickscanWrites>()
        .AddScoped<VariantReads>()
        .AddScoped<VariantWrites>()
        .AddScoped<Features.Audit.AuditReads>()
        .AddScoped<Features.Changes.ChangeReads>()
        .AddScoped<Features.Aggregates.DevelopmentAggregateReads>()
        .AddScoped<Features.SharingAgreements.SharingAgreementReads>()
        .AddScoped<Features.SharingAgreements.SharingAgreementWrites>()
        .AddScoped<PlanReads>()
        .AddScoped<PlanWrites>()
        .AddScoped<Features.DevelopmentImports.DevelopmentImportReads>()
        .AddScoped<Features.Grid.GridImportReads>()
        .AddScoped<Features.Grid.GridImportWrites>()
        .AddScoped<Features.Grid.EnergyAreaReads>()
        .AddScoped<Features.Areas.AreaReads>()
        .AddScoped<Features.Programme.ProgrammeCycleReads>()
        .AddScoped<Features.Programme.ProgrammeCycleWrites>()
        .AddScoped<Features.Programme.MiekProjectReads>()
        .AddScoped<Features.Programme.MiekProjectWrites>()
        .AddScoped<Features.Programme.MiekAssessmentReads>()
        .AddScoped<Features.Programme.MiekAssessmentWrites>()
        .AddScoped<Features.Programme.MiekProgressReads>()
        .AddScoped<Features.Programme.MiekProgressWrites>()
        .AddScoped<Features.Programme.MiekFicheReads>()
        .AddScoped<Features.Programme.WeighingFrameworkReads>()
        .AddScoped<Features.Programme.WeighingFrameworkWrites>();
}
