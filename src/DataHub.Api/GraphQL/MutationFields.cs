using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.DevelopmentImports;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Features.Plans;
using DataHub.Api.Features.Programme;
using DataHub.Api.Features.SharingAgreements;
using GraphQL;
using GraphQL.Types;

namespace DataHub.Api.GraphQL;

/// <summary>
/// Every write REST offers, as a mutation taking the same JSON document (input) and answering with typed errors. Each
/// runs the feature's write operation (<see cref="Operation.Run"/>), the one REST's endpoint calls, in a scope of its own.
/// </summary>
public static class MutationFields
{
    /// <param name="Route">The record's key arguments (REST's route values).</param>
    /// <param name="Input">Whether the mutation takes a JSON document (REST's body).</param>
    /// <param name="Record">The CLR record REST answers with (null: the write answers 204).</param>
    /// <param name="RecordGraphType">The graph's type of that record, where it is not the record auto-registered.</param>
    /// <param name="Run">The feature's resolver: reads the arguments, runs the write operation, maps its outcome.</param>
    /// <param name="Gate">The role gate REST's route requires, checked before the input is read, as REST checks it before the body.</param>
    private sealed record Operation(string Field, string Description, string[] Route, bool Input, Type? Record, Func<IResolveFieldContext, Task<MutationResult>> Run,
        RoleGate Gate, bool IfMatch = false, bool ContentCrs = false, string[]? QueryArgs = null, Type? RecordGraphType = null);

    private static readonly Operation[] Operations =
    [
        new("createDevelopment", "Submit a development (a GeoJSON Feature, schemas/development.schema.json)", [], true, typeof(DevelopmentFeature), DevelopmentGraphQL.CreateAsync, RoleGates.Submitter,
            ContentCrs: true, RecordGraphType: typeof(DevelopmentGraphType)),
        new("updateDevelopment", "Replace a development with a new version", ["id"], true, typeof(DevelopmentFeature), DevelopmentGraphQL.UpdateAsync, RoleGates.Submitter,
            IfMatch: true, ContentCrs: true, RecordGraphType: typeof(DevelopmentGraphType)),
        new("retireDevelopment", "Retire a development (its history stays)", ["id"], false, null, DevelopmentGraphQL.RetireAsync, RoleGates.Submitter, IfMatch: true),
        new("importDevelopments", "Bulk upsert of a FeatureCollection: all or nothing, every failing item reported", [], true, typeof(DevelopmentImportReport), DevelopmentImportGraphQL.ImportAsync, RoleGates.Submitter,
            ContentCrs: true, QueryArgs: ["dryRun"]),
        new("createPlan", "Register a source plan", [], true, typeof(PlanResponse), PlanGraphQL.CreateAsync, RoleGates.Submitter),
        new("updatePlan", "Replace a plan", ["id"], true, typeof(PlanResponse), PlanGraphQL.UpdateAsync, RoleGates.Submitter, IfMatch: true),
        new("createSharingAgreement", "Sign a sharing agreement (the data owner's OrgAdmin)", [], true, typeof(SharingAgreementResponse), SharingAgreementGraphQL.CreateAsync, RoleGates.OrgAdmin),
        new("updateSharingAgreement", "Replace a sharing agreement", ["id"], true, typeof(SharingAgreementResponse), SharingAgreementGraphQL.UpdateAsync, RoleGates.OrgAdmin, IfMatch: true),
        new("revokeSharingAgreement", "Revoke a sharing agreement", ["id"], false, null, SharingAgreementGraphQL.RevokeAsync, RoleGates.OrgAdmin, IfMatch: true),
        new("importCapacityMap", "A grid operator's capacity-map file (im-capaciteitskaart v1.3)", [], true, typeof(CapacityMapImportReport), GridImportGraphQL.CapacityMapAsync, RoleGates.GridSubmitter,
            QueryArgs: ["dryRun"]),
        new("importEnergyAreas", "Energy area boundaries and capacity per year (a FeatureCollection)", [], true, typeof(EnergyAreaImportReport), GridImportGraphQL.EnergyAreasAsync, RoleGates.GridSubmitter,
            ContentCrs: true, QueryArgs: ["dryRun"]),
        new("importStations", "Stations (a FeatureCollection)", [], true, typeof(StationImportReport), GridImportGraphQL.StationsAsync, RoleGates.GridSubmitter, ContentCrs: true),
        new("createQuickscan", "Would this plan fit the grid?", [], true, typeof(QuickscanResponse), QuickscanGraphQL.CreateAsync, RoleGates.SignedIn),
        new("createVariant", "A what-if variant of the caller's developments", [], true, typeof(VariantResponse), VariantGraphQL.CreateAsync, RoleGates.SignedIn),
        new("createProgrammeCycle", "Open a programme cycle", [], true, typeof(ProgrammeCycleResponse), ProgrammeMutations.CreateCycleAsync, RoleGates.ProgrammeCoordinator),
        new("updateProgrammeCycle", "Replace a cycle's name, milestones or description", ["id"], true, typeof(ProgrammeCycleResponse), ProgrammeMutations.UpdateCycleAsync, RoleGates.ProgrammeCoordinator,
            IfMatch: true),
        new("freezeProgrammeCycleBaseline", "Freeze the cycle's baseline", ["id"], false, typeof(ProgrammeCycleResponse), ProgrammeMutations.FreezeCycleAsync, RoleGates.ProgrammeCoordinator,
            IfMatch: true),
        new("publishProgrammeCycle", "Publish the adopted pMIEK", ["id"], false, typeof(ProgrammeCycleResponse), ProgrammeMutations.PublishCycleAsync, RoleGates.ProgrammeCoordinator, IfMatch: true),
        new("createMiekProject", "Add (or, a grid operator, propose) a project", [], true, typeof(MiekProjectResponse), ProgrammeMutations.CreateProjectAsync, RoleGates.ProjectSubmitter,
            ContentCrs: true, RecordGraphType: typeof(MiekProjectGraphType)),
        new("updateMiekProject", "Replace a project with a new version", ["id"], true, typeof(MiekProjectResponse), ProgrammeMutations.UpdateProjectAsync, RoleGates.ProgrammeCoordinator,
            IfMatch: true, ContentCrs: true, RecordGraphType: typeof(MiekProjectGraphType)),
        new("retireMiekProject", "Retire a project", ["id"], false, null, ProgrammeMutations.RetireProjectAsync, RoleGates.ProgrammeCoordinator, IfMatch: true),
        new("scoreMiekProject", "Score a project on one criterion, with a rationale", ["id", "criterion"], true, typeof(AssessmentEntry), ProgrammeMutations.ScoreProjectAsync, RoleGates.SignedIn,
            IfMatch: true),
        new("decideMiekProject", "The prioritisation decision with its reason", ["id"], true, typeof(AssessmentEntry), ProgrammeMutations.DecideProjectAsync, RoleGates.SignedIn,
            IfMatch: true),
        new("createMiekProgressUpdate", "Report a project's progress", ["id"], true, typeof(ProgressUpdateResponse), ProgrammeMutations.ReportProgressAsync, RoleGates.SignedIn),
        new("putWeighingFramework", "Tailor a province's weighing framework", ["province"], true, typeof(ProvinceFramework), ProgrammeMutations.PutFrameworkAsync, RoleGates.ProgrammeCoordinator,
            IfMatch: true),
    ];

    public static void AddAll(ObjectGraphType mutation)
    {
        foreach (var op in Operations)
        {
            var result = op.Record is null ? typeof(MutationResultGraphType)
                : typeof(MutationResultGraphType<>).MakeGenericType(op.RecordGraphType ?? typeof(AutoRegisteringObjectGraphType<>).MakeGenericType(op.Record));
            var field = mutation.Field(op.Field, typeof(NonNullGraphType<>).MakeGenericType(result)).Description(op.Description);
            foreach (var r in op.Route) field.Argument<NonNullGraphType<StringGraphType>>(r, r == "id" ? "the record's id" : $"the {r}");
            if (op.Input) field.Argument<NonNullGraphType<JsonGraphType>>("input", "the document REST takes for this operation");
            if (op.IfMatch) field.Argument<StringGraphType>("ifMatch", "the ETag of the version being replaced (required where REST requires it)");
            if (op.ContentCrs) field.Argument<StringGraphType>("contentCrs", "CRS of the input's geometries: CRS84 (default), EPSG:28992 or EPSG:4258");
            foreach (var q in op.QueryArgs ?? []) field.Argument<BooleanGraphType>(q);
            field.ResolveAsync(async c =>
            {
                var scope = await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken);
                return op.Gate.Check(scope) is { } denied ? MutationResults.Refused(denied.Problem) : await op.Run(c);
            });
        }
    }
}
