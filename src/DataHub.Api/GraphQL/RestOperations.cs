using System.Text;
using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.DevelopmentImports;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Features.Plans;
using DataHub.Api.Features.Programme;
using DataHub.Api.Features.SharingAgreements;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace DataHub.Api.GraphQL;

/// <summary>
/// Runs a REST operation in process, with the caller's identity, on a fresh request scope, without a network hop:
/// GraphQL writes (and the few reads whose logic is the REST handler's) go through the very handler REST uses, so
/// validation, access decisions, versioning, audit and the change feed are the same by construction.
/// </summary>
public static class RestOperation
{
    public static async Task<(int Status, string? ETag, byte[] Body)> RunAsync(IResolveFieldContext c, string endpointName, IReadOnlyDictionary<string, string?> route,
        IQueryCollection? query, byte[]? body, string? contentType, IReadOnlyDictionary<string, string?>? headers)
    {
        var outer = c.Http();
        var endpoint = outer.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == endpointName);
        await using var scope = outer.RequestServices.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Features.Audit.AuditTrail>().Surface = Features.Audit.AuditTrail.GraphQL;
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature());
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        var response = new MemoryStream();
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(response));
        var http = new DefaultHttpContext(features) { RequestServices = scope.ServiceProvider, User = outer.User };
        http.Request.Method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
        http.Request.Scheme = outer.Request.Scheme;
        http.Request.Host = outer.Request.Host;
        http.Request.PathBase = outer.Request.PathBase;
        var path = endpoint.RoutePattern.RawText ?? "";
        foreach (var (k, v) in route)
        {
            http.Request.RouteValues[k] = v;
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + k + "(:[^}]*)?\\}", Uri.EscapeDataString(v ?? ""));
        }
        http.Request.Path = "/" + path.TrimStart('/');
        if (query is not null) http.Request.QueryString = QueryString.Create(query.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v))));
        if (body is not null)
        {
            http.Request.Body = new MemoryStream(body);
            http.Request.ContentLength = body.Length;
            http.Request.ContentType = contentType;
        }
        foreach (var (k, v) in headers ?? new Dictionary<string, string?>()) if (v is not null) http.Request.Headers[k] = v;
        http.Connection.RemoteIpAddress = outer.Connection.RemoteIpAddress;
        http.RequestAborted = c.CancellationToken;
        http.SetEndpoint(endpoint);
        await endpoint.RequestDelegate!(http);
        return (http.Response.StatusCode, http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null, response.ToArray());
    }
}

/// <summary>Reads whose logic lives in a REST handler (see <see cref="RestQueries"/>): the same answer, deserialised into its record.</summary>
public static class RestReads
{
    public static async Task<T?> GetAsync<T>(IResolveFieldContext c, string endpointName, IQueryCollection query,
        IReadOnlyDictionary<string, string?>? route = null, bool nullWhenNotFound = false)
    {
        var (status, _, body) = await RestOperation.RunAsync(c, endpointName, route ?? new Dictionary<string, string?>(), query, null, null,
            new Dictionary<string, string?> { ["Accept"] = "application/json" });
        if (status == 404 && nullWhenNotFound) return default;
        if (status >= 400)
        {
            var problem = JsonSerializer.Deserialize<Http.Problem>(body, Http.GeoJson.Options)!;
            if (problem.Errors is { Count: > 0 } errors) throw Resolve.Invalid(errors, problem.Detail);
            throw new ExecutionError(problem.Detail) { Code = problem.Type.Split('/')[^1] };
        }
        return JsonSerializer.Deserialize<T>(body, Http.GeoJson.Options)!;
    }
}

/// <summary>Every write REST offers, as a mutation taking the same JSON document (input) and answering with typed errors.</summary>
public static class RestMutations
{
    /// <param name="Record">The CLR record REST answers with (null: the write answers 204).</param>
    /// <param name="RecordGraphType">The graph's type of that record, where it is not the record auto-registered.</param>
    private sealed record Operation(string Field, string Endpoint, string Description, string[] Route, string? ContentType, Type? Record, bool IfMatch = false,
        bool ContentCrs = false, string[]? QueryArgs = null, Type? RecordGraphType = null, Func<IResolveFieldContext, Task<MutationResult>>? Run = null);

    private static readonly Operation[] Operations =
    [
        new("createDevelopment", "createDevelopment", "Submit a development (a GeoJSON Feature, schemas/development.schema.json)", [], "application/geo+json", typeof(DevelopmentFeature),
            ContentCrs: true, RecordGraphType: typeof(DevelopmentGraphType), Run: DevelopmentGraphQL.CreateAsync),
        new("updateDevelopment", "updateDevelopment", "Replace a development with a new version", ["id"], "application/geo+json", typeof(DevelopmentFeature),
            IfMatch: true, ContentCrs: true, RecordGraphType: typeof(DevelopmentGraphType), Run: DevelopmentGraphQL.UpdateAsync),
        new("retireDevelopment", "retireDevelopment", "Retire a development (its history stays)", ["id"], null, null, IfMatch: true, Run: DevelopmentGraphQL.RetireAsync),
        new("importDevelopments", "createDevelopmentImport", "Bulk upsert of a FeatureCollection: all or nothing, every failing item reported", [], "application/geo+json", typeof(DevelopmentImportReport),
            ContentCrs: true, QueryArgs: ["dryRun"], Run: DevelopmentImportGraphQL.ImportAsync),
        new("createPlan", "createPlan", "Register a source plan", [], "application/json", typeof(PlanResponse), Run: PlanGraphQL.CreateAsync),
        new("updatePlan", "updatePlan", "Replace a plan", ["id"], "application/json", typeof(PlanResponse), IfMatch: true, Run: PlanGraphQL.UpdateAsync),
        new("createSharingAgreement", "createSharingAgreement", "Sign a sharing agreement (the data owner's OrgAdmin)", [], "application/json", typeof(SharingAgreementResponse),
            Run: SharingAgreementGraphQL.CreateAsync),
        new("updateSharingAgreement", "updateSharingAgreement", "Replace a sharing agreement", ["id"], "application/json", typeof(SharingAgreementResponse),
            IfMatch: true, Run: SharingAgreementGraphQL.UpdateAsync),
        new("revokeSharingAgreement", "revokeSharingAgreement", "Revoke a sharing agreement", ["id"], null, null, IfMatch: true, Run: SharingAgreementGraphQL.RevokeAsync),
        new("importCapacityMap", "createCapacityMapImport", "A grid operator's capacity-map file (im-capaciteitskaart v1.3)", [], "application/json", typeof(CapacityMapImportReport),
            QueryArgs: ["dryRun"], Run: GridImportGraphQL.CapacityMapAsync),
        new("importEnergyAreas", "createEnergyAreaImport", "Energy area boundaries and capacity per year (a FeatureCollection)", [], "application/geo+json", typeof(EnergyAreaImportReport),
            ContentCrs: true, QueryArgs: ["dryRun"], Run: GridImportGraphQL.EnergyAreasAsync),
        new("importStations", "createStationImport", "Stations (a FeatureCollection)", [], "application/geo+json", typeof(StationImportReport), ContentCrs: true,
            Run: GridImportGraphQL.StationsAsync),
        new("createQuickscan", "createQuickscan", "Would this plan fit the grid?", [], "application/json", typeof(QuickscanResponse), Run: QuickscanGraphQL.CreateAsync),
        new("createVariant", "createVariant", "A what-if variant of the caller's developments", [], "application/json", typeof(VariantResponse), Run: VariantGraphQL.CreateAsync),
        new("createProgrammeCycle", "createProgrammeCycle", "Open a programme cycle", [], "application/json", typeof(ProgrammeCycleResponse), Run: ProgrammeMutations.CreateCycleAsync),
        new("updateProgrammeCycle", "updateProgrammeCycle", "Replace a cycle's name, milestones or description", ["id"], "application/json", typeof(ProgrammeCycleResponse),
            IfMatch: true, Run: ProgrammeMutations.UpdateCycleAsync),
        new("freezeProgrammeCycleBaseline", "freezeProgrammeCycleBaseline", "Freeze the cycle's baseline", ["id"], null, typeof(ProgrammeCycleResponse), IfMatch: true, Run: ProgrammeMutations.FreezeCycleAsync),
        new("publishProgrammeCycle", "publishProgrammeCycle", "Publish the adopted pMIEK", ["id"], null, typeof(ProgrammeCycleResponse), IfMatch: true, Run: ProgrammeMutations.PublishCycleAsync),
        new("createMiekProject", "createMiekProject", "Add (or, a grid operator, propose) a project", [], "application/json", typeof(MiekProjectResponse),
            ContentCrs: true, RecordGraphType: typeof(MiekProjectGraphType), Run: ProgrammeMutations.CreateProjectAsync),
        new("updateMiekProject", "updateMiekProject", "Replace a project with a new version", ["id"], "application/json", typeof(MiekProjectResponse),
            IfMatch: true, ContentCrs: true, RecordGraphType: typeof(MiekProjectGraphType), Run: ProgrammeMutations.UpdateProjectAsync),
        new("retireMiekProject", "retireMiekProject", "Retire a project", ["id"], null, null, IfMatch: true, Run: ProgrammeMutations.RetireProjectAsync),
        new("scoreMiekProject", "scoreMiekProject", "Score a project on one criterion, with a rationale", ["id", "criterion"], "application/json", typeof(AssessmentEntry),
            IfMatch: true, Run: ProgrammeMutations.ScoreProjectAsync),
        new("decideMiekProject", "decideMiekProject", "The prioritisation decision with its reason", ["id"], "application/json", typeof(AssessmentEntry), IfMatch: true, Run: ProgrammeMutations.DecideProjectAsync),
        new("createMiekProgressUpdate", "createMiekProgressUpdate", "Report a project's progress", ["id"], "application/json", typeof(ProgressUpdateResponse), Run: ProgrammeMutations.ReportProgressAsync),
        new("putWeighingFramework", "putProvinceWeighingFramework", "Tailor a province's weighing framework", ["province"], "application/json", typeof(ProvinceFramework),
            IfMatch: true, Run: ProgrammeMutations.PutFrameworkAsync),
    ];

    public static void AddAll(ObjectGraphType mutation)
    {
        foreach (var op in Operations)
        {
            var result = op.Record is null ? typeof(MutationResultGraphType)
                : typeof(MutationResultGraphType<>).MakeGenericType(op.RecordGraphType ?? typeof(AutoRegisteringObjectGraphType<>).MakeGenericType(op.Record));
            var field = mutation.Field(op.Field, typeof(NonNullGraphType<>).MakeGenericType(result)).Description(op.Description);
            foreach (var r in op.Route) field.Argument<NonNullGraphType<StringGraphType>>(r, r == "id" ? "the record's id" : $"the {r}");
            if (op.ContentType is not null) field.Argument<NonNullGraphType<JsonGraphType>>("input", "the document REST takes for this operation");
            if (op.IfMatch) field.Argument<StringGraphType>("ifMatch", "the ETag of the version being replaced (required where REST requires it)");
            if (op.ContentCrs) field.Argument<StringGraphType>("contentCrs", "CRS of the input's geometries: CRS84 (default), EPSG:28992 or EPSG:4258");
            foreach (var q in op.QueryArgs ?? []) field.Argument<BooleanGraphType>(q);
            field.ResolveAsync(async c => op.Run is { } run ? await run(c) : await RunAsync(c, op));
        }
    }

    private static async Task<MutationResult> RunAsync(IResolveFieldContext c, Operation op)
    {
        var route = op.Route.ToDictionary(r => r, r => (string?)c.GetArgument<string>(r));
        byte[]? body = op.ContentType is null ? null : Encoding.UTF8.GetBytes(JsonSerializer.Serialize(c.GetArgument<JsonElement>("input")));
        var headers = new Dictionary<string, string?>
        {
            ["If-Match"] = op.IfMatch ? c.GetArgument<string?>("ifMatch") : null,
            ["Content-Crs"] = op.ContentCrs ? c.GetArgument<string?>("contentCrs") : null,
        };
        var query = op.QueryArgs is null ? null : c.AsQuery(op.QueryArgs);
        var (status, etag, response) = await RestOperation.RunAsync(c, op.Endpoint, route, query, body, op.ContentType, headers);
        JsonElement? json = response.Length == 0 ? null : JsonDocument.Parse(response).RootElement.Clone();
        if (status < 400)
        {
            var id = json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : route.GetValueOrDefault("id");
            var record = op.Record is not null && json is { ValueKind: JsonValueKind.Object } r ? r.Deserialize(op.Record, Http.GeoJson.Options) : null;
            return new MutationResult(true, status, etag, id, json, null, [], record);
        }
        var problem = json is { } p ? p.Deserialize<Http.Problem>(Http.GeoJson.Options) : null;
        var errors = problem?.Errors?.Select(e => new UserError(e.Pointer.Length > 0 ? e.Pointer : null, e.Parameter, e.Index, e.Code, e.Message)).ToList() ?? [];
        if (errors.Count == 0) errors.Add(new UserError(null, null, null, problem?.Type.Split('/')[^1] ?? "error", problem?.Detail ?? problem?.Title ?? $"status {status}"));
        return new MutationResult(false, status, etag, null, null, problem?.Detail ?? problem?.Title, errors);
    }
}
