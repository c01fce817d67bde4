using DataHub.Api;
using DataHub.Api.Features.Aggregates;
using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Areas;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Changes;
using DataHub.Api.Features.DevelopmentImports;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Features.Ogc;
using DataHub.Api.Features.Organisations;
using DataHub.Api.Features.Plans;
using DataHub.Api.Features.Programme;
using DataHub.Api.Features.SharingAgreements;
using DataHub.Api.Features.SignIn;
using DataHub.Api.GraphQL;

var builder = WebApplication.CreateBuilder(args);

if (TokenCommand.IsInvocation(args))
    return TokenCommand.Run(args, builder.Configuration, builder.Environment, Console.Out, Console.Error);

builder.Services.Configure<DataHubOptions>(builder.Configuration.GetSection(DataHubOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDataHubDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddScoped<DevelopmentStore>();
builder.Services.AddDataHubOperations(); // every feature's reads and writes, which every surface calls
builder.Services.AddScoped<DataHub.Api.Features.DevelopmentImports.DevelopmentImporter>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<AccessScopes>();
builder.Services.AddScoped<AuditTrail>();
builder.Services.AddSingleton<AuditGroupCommit>(); // read audit events, committed in groups
builder.Services.AddSingleton<GrantSets>(); // callers' grants per organisation, day and data head
builder.Services.AddSingleton<DataHub.Api.Http.AnswerCache>(); // serialised answers of hot reads, keyed on data head and caller scope
builder.Services.AddSingleton<GridModelCache>();
builder.Services.AddSingleton<MatchCounts>(); // how many developments a filter matches, per data head and caller scope // the analysis model of the current data, shared by all requests
builder.Services.AddDataHubAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddDataHubCors(builder.Configuration);
builder.Services.AddDataHubRateLimits(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(o => GeoJson.Configure(o.SerializerOptions));
builder.Services.AddDataHubOpenApi();
builder.Services.AddDataHubGraphQL(builder.Configuration);
builder.Services.AddOgcFeatures(); // OGC API – Features collections over the features' reads
builder.Services.AddDataHubHealthProbes();
builder.Services.AddDataHubTelemetry(builder.Configuration);
builder.Services.AddDataHubCompression();
builder.Services.AddDataHubProblems(); // RFC 9457 on ASP.NET Core's problem details service (Http/ProblemPipeline.cs)
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null); // limits are per endpoint (RequestBody)

var app = builder.Build();

app.UseDataHubHeaders();
app.UseResponseCompression();
app.UseDataHubProblems();
app.UseCors();
app.UseAuthentication();
app.UseFailedCredentialRefusal();
app.UseUnknownTenantRefusal();
app.UseRateLimiter();
app.UseDeclaredQueryParameters(); // a malformed query is 400 for every caller, before a role gate answers 401/403
app.UseAuthorization(); // the role gates (Access/RoleGates.cs) on REST routes
app.UseDataHubWebApp();
app.MapDataHubOpenApi();
app.MapDataHubHealthProbes();

var api = app.MapGroup("/api/v1");
api.MapDevelopments();
api.MapDevelopmentImports();
api.MapPlans();
api.MapOrganisations();
api.MapSignIn();
api.MapAreas();
api.MapSharingAgreements();
api.MapDevelopmentAggregates();
api.MapAnalysis();
api.MapGrid();
api.MapStations();
api.MapGridAnalysis();
api.MapQuickscans();
api.MapVariants();
api.MapAuditEvents();
api.MapChanges();
api.MapProgrammeCycles();
api.MapMiekProjects();
api.MapWeighingFrameworks();
api.MapMiekAssessments();
api.MapMiekProgress();
api.MapMiekFiche();
api.MapMiekOverview();
api.MapDataHubGraphQL();
app.MapOgcFeatures(); // GIS clients by URL, under /ogc/v1

await app.PrepareDatabaseAsync();
if (!app.Environment.IsEnvironment("Testing"))
    app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();
return 0;

public partial class Program;
