using System.Text.Json;
using System.Text.RegularExpressions;
using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataHub.Api.Features.Plans;

/// <summary>A source plan as submitted and returned (schemas/plan.schema.json).</summary>
public sealed record PlanRequest(string Code, string Name, string PlanType, string? Version, string Status, int? PeriodStart, int? PeriodEnd, string? Description);

public sealed record PlanResponse(Guid Id, string Owner, string Code, string Name, string PlanType, string? Version, string Status,
    int? PeriodStart, int? PeriodEnd, string? Description, int RecordVersion, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record PlanList(IReadOnlyList<PlanResponse> Items, int NumberReturned);

/// <summary>Source plans are public metadata (name, type, period, status): the records under them carry the visibility.</summary>
public static partial class PlanEndpoints
{
    public static readonly string[] Statuses = ["draft", "consultation", "adopted", "superseded", "withdrawn"];

    public static RouteGroupBuilder MapPlans(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans").WithTags("Plans");
        g.MapGet("", List).WithName("listPlans").WithSummary("List source plans, optionally of one owner or plan type")
            .WithQuery("owner", "owner organisation code").WithQuery("planType", "plan type code")
            .WithQuery("asOf", "the plans as they were at this moment (e.g. a programme cycle's baseline), RFC 3339", Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .Produces<PlanList>().WithProblems(400);
        g.MapPost("", Create).WithName("createPlan").WithSummary("Register a source plan of the caller's organisation")
            .Accepts<PlanRequest>("application/json").Produces<PlanResponse>(201).WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getPlan").WithSummary("Get a source plan")
            .Produces<PlanResponse>().WithProblems(400, 404);
        g.MapPut("/{id:guid}", Update).WithName("updatePlan").WithSummary("Replace a source plan with a new version (If-Match required)")
            .Accepts<PlanRequest>("application/json").WithHeader("If-Match", "the ETag of the version being replaced")
            .Produces<PlanResponse>().WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 428);
        return api;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}$")]
    private static partial Regex CodePattern();

    public static async Task<IResult> List(HttpContext http, DataHubDb db, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(http.Request.Query);
        if (asOfProblem is not null) return asOfProblem;
        var rows = db.PlanVersions.AsNoTracking().InForceAt(asOf).Where(p => !p.IsRetired);
        if (http.Request.Query["owner"].ToString() is { Length: > 0 } owner) rows = rows.Where(p => p.OwnerCode == owner);
        if (http.Request.Query["planType"].ToString() is { Length: > 0 } type)
        {
            if (!DevelopmentCodes.IsKnown(DevelopmentCodes.PlanTypes, type))
                return Problems.Validation([new FieldError("", "unknownCode", $"'{type}' is not a known planType") { Parameter = "planType" }]);
            rows = rows.Where(p => p.PlanType == type);
        }
        var items = (await rows.OrderBy(p => p.OwnerCode).ThenBy(p => p.Code).ToListAsync(ct)).Select(ToResponse).ToList();
        return TypedResults.Ok(new PlanList(items, items.Count));
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, DataHubDb db, CancellationToken ct)
    {
        var row = await db.PlanVersions.AsNoTracking().Where(p => p.PlanId == id && p.ValidTo == null).FirstOrDefaultAsync(ct);
        if (row is null) return Problems.NotFound($"There is no plan {id}.");
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        return TypedResults.Ok(ToResponse(row));
    }

    public static async Task<IResult> Create(HttpContext http, DataHubDb db, DevelopmentStore store, AuditTrail audit, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (!caller.IsAuthenticated) return Problems.Unauthorized("Writing requires a bearer token.");
        if (!caller.CanSubmit()) return Problems.Forbidden("Registering plans requires the Submitter role.");
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        if (await db.PlanVersions.AnyAsync(p => p.OwnerCode == caller.Organisation && p.Code == request!.Code && p.ValidTo == null, ct))
            return Problems.Conflict($"{caller.Organisation} already has a plan with code '{request!.Code}'.");
        var now = store.Now();
        var row = ToRow(request!, Guid.CreateVersion7(now), 1, caller, now, now);
        audit.Write(caller, "create", "plan", row.PlanId.ToString(), caller.Organisation);
        if (!await db.AppendAsync(null, row, ct)) return Problems.Conflict($"{caller.Organisation}'s plan '{request!.Code}' was created concurrently by another request.");
        http.Response.Headers.ETag = RequestBody.ETag(1);
        return TypedResults.Created($"/api/v1/plans/{row.PlanId}", ToResponse(row));
    }

    public static async Task<IResult> Update(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AuditTrail audit, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (!caller.IsAuthenticated) return Problems.Unauthorized("Writing requires a bearer token.");
        if (!caller.CanSubmit()) return Problems.Forbidden("Changing plans requires the Submitter role.");
        var current = await db.PlanVersions.Where(p => p.PlanId == id && p.ValidTo == null).FirstOrDefaultAsync(ct);
        if (current is null) return Problems.NotFound($"There is no plan {id}.");
        if (current.OwnerCode != caller.Organisation) return Problems.Forbidden($"Plan {id} belongs to {current.OwnerCode}.");
        if (RequestBody.CheckIfMatch(http.Request, current.Version, $"plan {id}") is { } stale) return stale;
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        if (request!.Code != current.Code)
            return Problems.Validation([new FieldError("/code", "immutable", $"code cannot change (it is '{current.Code}')")]);
        var now = store.Now();
        var row = ToRow(request, id, current.Version + 1, caller, current.CreatedAt, now);
        audit.Write(caller, "update", "plan", id.ToString(), caller.Organisation);
        if (!await db.AppendAsync(current, row, ct)) return Problems.PreconditionFailed($"Plan {id} was changed by another request; GET it again.");
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        return TypedResults.Ok(ToResponse(row));
    }

    private static PlanVersion ToRow(PlanRequest r, Guid id, int version, Caller caller, DateTime createdAt, DateTime now) => new()
    {
        PlanId = id, Version = version, ValidFrom = now, OwnerCode = caller.Organisation!, Code = r.Code, Name = r.Name,
        PlanType = r.PlanType, PlanVersionLabel = r.Version, Status = r.Status, PeriodStart = r.PeriodStart, PeriodEnd = r.PeriodEnd,
        Description = r.Description, ChangedBy = caller.Subject, CreatedAt = createdAt,
    };

    public static PlanResponse ToResponse(PlanVersion p) => new(p.PlanId, p.OwnerCode, p.Code, p.Name, p.PlanType, p.PlanVersionLabel,
        p.Status, p.PeriodStart, p.PeriodEnd, p.Description, p.Version, p.CreatedAt, p.ValidFrom);

    private static Task<(PlanRequest? Request, ProblemResult? Problem)> ReadAsync(HttpContext http, DataHubOptions options, CancellationToken ct) =>
        RequestBody.ReadValidAsync(http.Request, options.Limits, Read, "The plan is not valid", ct);

    /// <summary>Validates a plan body; every error with its pointer.</summary>
    public static PlanRequest? Read(JsonElement e, ErrorCollector errors)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add("", "invalidType", "a plan is a JSON object"); return null; }
        string[] allowed = ["code", "name", "planType", "version", "status", "periodStart", "periodEnd", "description"];
        foreach (var p in e.EnumerateObject().Where(p => Array.IndexOf(allowed, p.Name) < 0))
            errors.Add("/" + ErrorCollector.Escape(p.Name), p.Name is "owner" or "id" ? "readOnly" : "unknownProperty",
                p.Name is "owner" or "id" ? $"'{p.Name}' is set by the hub" : $"'{p.Name}' is not a property of a plan");
        string? Str(string name, bool required, int max)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) errors.Add("/" + name, "required", $"{name} is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length == 0) { errors.Add("/" + name, "invalidType", $"{name} must be a non-empty string"); return null; }
            var s = v.GetString()!.Trim();
            if (s.Length > max) { errors.Add("/" + name, "tooLong", $"{name} is longer than {max} characters"); return null; }
            return s;
        }
        int? Year(string name)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var y) || y < DevelopmentCodes.MinYear || y > DevelopmentCodes.MaxYear)
            {
                errors.Add("/" + name, "outOfRange", $"{name} must be a year from {DevelopmentCodes.MinYear} to {DevelopmentCodes.MaxYear}");
                return null;
            }
            return y;
        }
        var code = Str("code", true, 100);
        if (code is not null && !CodePattern().IsMatch(code)) errors.Add("/code", "invalidFormat", "code uses letters, digits and . _ -");
        var name = Str("name", true, 300);
        var planType = Str("planType", true, 32);
        if (planType is not null && !DevelopmentCodes.IsKnown(DevelopmentCodes.PlanTypes, planType))
            errors.Add("/planType", "unknownCode", $"'{planType}' is not a known planType; use one of {string.Join(", ", DevelopmentCodes.PlanTypes)}");
        var version = Str("version", false, 50);
        var status = Str("status", true, 32);
        if (status is not null && Array.IndexOf(Statuses, status) < 0)
            errors.Add("/status", "unknownCode", $"'{status}' is not a known status; use one of {string.Join(", ", Statuses)}");
        var start = Year("periodStart");
        var end = Year("periodEnd");
        if (start > end) errors.Add("/periodEnd", "invalidRange", "periodEnd is before periodStart");
        var description = Str("description", false, 4000);
        return errors.HasErrors ? null : new PlanRequest(code!, name!, planType!, version, status!, start, end, description);
    }
}

public static class PlanQueries
{
    /// <summary>A lookup of the owner's current plans by id or by code, for resolving developments' plan references.</summary>
    public static async Task<Func<string, Guid?>> ResolverAsync(DataHubDb db, string owner, CancellationToken ct)
    {
        var plans = await db.PlanVersions.AsNoTracking().Where(p => p.OwnerCode == owner && p.ValidTo == null && !p.IsRetired)
            .Select(p => new { p.PlanId, p.Code }).ToListAsync(ct);
        var byCode = plans.ToDictionary(p => p.Code, p => p.PlanId, StringComparer.Ordinal);
        var ids = plans.Select(p => p.PlanId).ToHashSet();
        return reference => Guid.TryParse(reference, out var id) && ids.Contains(id) ? id
            : byCode.TryGetValue(reference, out var byCodeId) ? byCodeId : null;
    }
}
