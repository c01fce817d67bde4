using System.Globalization;
using System.Text.Json;
using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;
using DataHub.Api.Http;
using DataHub.Api.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataHub.Api.Features.SharingAgreements;

/// <summary>A sharing agreement as submitted (schemas/sharing-agreement.schema.json).</summary>
public sealed record SharingAgreementRequest(
    IReadOnlyList<AgreementJson.Recipient> Recipients, AgreementScope Scope, string Level, string Purpose,
    DateOnly ValidFrom, DateOnly? ValidTo, string Status);

public sealed record SharingAgreementResponse(
    Guid Id, string Owner, IReadOnlyList<AgreementJson.Recipient> Recipients, AgreementScope Scope, string Level, string Purpose,
    DateOnly ValidFrom, DateOnly? ValidTo, string Status, bool InForce, int RecordVersion, DateTime CreatedAt, DateTime UpdatedAt,
    AgreementGrants? Grants = null);

/// <summary>How many of the owner's current records, by visibility.</summary>
public sealed record AgreementGrantCounts(int Shared, int Confidential);

/// <summary>
/// What an agreement grants at the moment of the answer: the owner's records it opens in detail and those it lets count
/// in aggregates, per visibility, and warnings where it opens less than its level promises.
/// </summary>
public sealed record AgreementGrants(AgreementGrantCounts Detail, AgreementGrantCounts Aggregate, IReadOnlyList<string> Warnings);

public sealed record SharingAgreementList(IReadOnlyList<SharingAgreementResponse> Items, int NumberReturned);

public static class SharingAgreementStatuses
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Revoked = "revoked";
    public static readonly string[] All = [Draft, Active, Revoked];
}

/// <summary>
/// Sharing agreements: only the owner's OrgAdmin creates, changes or revokes them; the owner's organisation and the
/// recipients read them; to anyone else they do not exist (404). Every change is a new version.
/// </summary>
public static class SharingAgreementEndpoints
{
    public static RouteGroupBuilder MapSharingAgreements(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sharing-agreements").WithTags("Sharing agreements");
        g.MapGet("", List).WithName("listSharingAgreements")
            .WithSummary("The agreements the caller's organisation gave (as owner) or received (as recipient)")
            .WithQuery("role", "owner or recipient; both when absent")
            .Produces<SharingAgreementList>().WithProblems(400, 401);
        g.MapPost("", Create).WithName("createSharingAgreement")
            .WithSummary("Share the caller's organisation's data under an agreement (OrgAdmin)")
            .Accepts<SharingAgreementRequest>("application/json")
            .Produces<SharingAgreementResponse>(201).WithProblems(400, 401, 403, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getSharingAgreement").WithSummary("One agreement (owner or recipient)")
            .Produces<SharingAgreementResponse>().WithProblems(400, 401, 404);
        g.MapPut("/{id:guid}", Update).WithName("updateSharingAgreement")
            .WithSummary("Replace an agreement with a new version (OrgAdmin of the owner; If-Match required)")
            .Accepts<SharingAgreementRequest>("application/json").WithHeader("If-Match", "the ETag of the version being replaced")
            .Produces<SharingAgreementResponse>().WithProblems(400, 401, 403, 404, 412, 413, 415, 428);
        g.MapDelete("/{id:guid}", Revoke).WithName("revokeSharingAgreement")
            .WithSummary("Revoke an agreement: a new version with status revoked, in force from the next request (If-Match required)")
            .WithHeader("If-Match", "the ETag of the current version")
            .Produces(204).WithProblems(400, 401, 403, 404, 412, 428);
        g.MapGet("/{id:guid}/versions", Versions).WithName("listSharingAgreementVersions")
            .WithSummary("Every version of an agreement, oldest first").Produces<SharingAgreementList>().WithProblems(400, 401, 404);
        return api;
    }

    public static async Task<IResult> List(string? role, HttpContext http, DataHubDb db, AccessScopes access, TimeProvider clock, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (scope.Organisation is null) return Problems.Unauthorized("Agreements are listed for a signed-in organisation.");
        if (role is not null and not ("owner" or "recipient"))
            return Problems.Validation([new FieldError("", "unknownCode", "role is owner or recipient") { Parameter = "role" }]);
        var current = await db.SharingAgreementVersions.AsNoTracking().Where(a => a.ValidTo == null).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var items = current
            .Where(a => role switch
            {
                "owner" => IsOwner(a, scope),
                "recipient" => IsRecipient(a, scope),
                _ => IsOwner(a, scope) || IsRecipient(a, scope),
            })
            .Select(a => ToResponse(a, clock)).ToList();
        return TypedResults.Ok(new SharingAgreementList(items, items.Count));
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, DataHubDb db, AccessScopes access, TimeProvider clock, CancellationToken ct)
    {
        var (row, problem) = await VisibleAsync(id, db, access, ct);
        if (problem is not null) return problem;
        http.Response.Headers.ETag = RequestBody.ETag(row!.Version);
        return TypedResults.Ok(ToResponse(row, clock) with { Grants = await GrantsAsync(db, row, clock, ct) });
    }

    public static async Task<IResult> Versions(Guid id, DataHubDb db, AccessScopes access, TimeProvider clock, CancellationToken ct)
    {
        var (_, problem) = await VisibleAsync(id, db, access, ct);
        if (problem is not null) return problem;
        var versions = await db.SharingAgreementVersions.AsNoTracking().Where(a => a.AgreementId == id).OrderBy(a => a.Version).ToListAsync(ct);
        var items = versions.Select(v => ToResponse(v, clock)).ToList();
        return TypedResults.Ok(new SharingAgreementList(items, items.Count));
    }

    public static async Task<IResult> Create(HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (GuardAdmin(scope) is { } denied) return denied;
        var (request, problem) = await ReadAsync(http, db, scope, options.Value, ct);
        if (problem is not null) return problem;
        var now = store.Now();
        var row = ToRow(request!, Guid.CreateVersion7(now), 1, scope.Caller, now, now);
        db.SharingAgreementVersions.Add(row);
        audit.Write(scope.Caller, "create", "sharingAgreement", row.AgreementId.ToString(), row.OwnerCode);
        await db.SaveChangesAsync(ct);
        http.Response.Headers.ETag = RequestBody.ETag(1);
        return TypedResults.Created($"/api/v1/sharing-agreements/{row.AgreementId}", ToResponse(row, clock) with { Grants = await GrantsAsync(db, row, clock, ct) });
    }

    public static async Task<IResult> Update(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (current, problem) = await CurrentForWriteAsync(id, http, db, access, ct);
        if (problem is not null) return problem;
        var scope = await access.CurrentAsync(ct);
        var (request, readProblem) = await ReadAsync(http, db, scope, options.Value, ct);
        if (readProblem is not null) return readProblem;
        return await WriteVersionAsync(current!, request!, "update", http, db, store, scope, audit, clock, ct);
    }

    public static async Task<IResult> Revoke(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        TimeProvider clock, CancellationToken ct)
    {
        var (current, problem) = await CurrentForWriteAsync(id, http, db, access, ct);
        if (problem is not null) return problem;
        if (current!.Status == SharingAgreementStatuses.Revoked) return Results.NoContent();
        var scope = await access.CurrentAsync(ct);
        var revoked = ToRequest(current) with { Status = SharingAgreementStatuses.Revoked };
        var result = await WriteVersionAsync(current, revoked, "revoke", http, db, store, scope, audit, clock, ct);
        return result is IStatusCodeHttpResult { StatusCode: 200 } ? Results.NoContent() : result;
    }

    private static async Task<IResult> WriteVersionAsync(SharingAgreementVersion current, SharingAgreementRequest request, string action,
        HttpContext http, DataHubDb db, DevelopmentStore store, AccessScope scope, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var now = store.Now();
        var tracked = await db.SharingAgreementVersions.FirstAsync(a => a.RowId == current.RowId, ct);
        tracked.ValidTo = now;
        var row = ToRow(request, current.AgreementId, current.Version + 1, scope.Caller, current.CreatedAt, now);
        db.SharingAgreementVersions.Add(row);
        audit.Write(scope.Caller, action, "sharingAgreement", row.AgreementId.ToString(), row.OwnerCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (VersionedStore.IsUniqueViolation(e))
        {
            return Problems.PreconditionFailed($"Agreement {current.AgreementId} was changed by another request; GET it again.");
        }
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        return TypedResults.Ok(ToResponse(row, clock) with { Grants = await GrantsAsync(db, row, clock, ct) });
    }

    /// <summary>What the agreement grants now (<see cref="AgreementGrants"/>): its grant rows over the owner's current records.</summary>
    public static async Task<AgreementGrants> GrantsAsync(DataHubDb db, SharingAgreementVersion a, TimeProvider clock, CancellationToken ct)
    {
        var warnings = new List<string>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var inForce = a.ValidTo == null && a.Status == SharingAgreementStatuses.Active && a.PeriodStart <= today && (a.PeriodEnd is null || a.PeriodEnd >= today);
        var none = new AgreementGrantCounts(0, 0);
        if (!inForce)
        {
            warnings.Add(a.Status != SharingAgreementStatuses.Active
                ? $"The agreement is {a.Status}: it grants nothing until it is active."
                : $"The agreement is outside its period ({a.PeriodStart:yyyy-MM-dd} – {a.PeriodEnd?.ToString("yyyy-MM-dd") ?? "open"}): it grants nothing today.");
            return new AgreementGrants(none, none, warnings);
        }
        var rows = AccessGrants.RowsOf(a).ToList();
        var owner = a.OwnerCode;
        var noGeometry = NetTopologySuite.Geometries.Point.Empty; // a variable, so EF treats it as a parameter
        var records = await db.DevelopmentVersions.AsNoTracking()
            .Where(v => v.OwnerCode == owner && v.ValidTo == null && !v.IsRetired && v.Visibility != "public")
            .Select(v => new DevelopmentVersion
            {
                DevelopmentId = v.DevelopmentId, OwnerCode = v.OwnerCode, Visibility = v.Visibility, PlanType = v.PlanType, Sector = v.Sector,
                MunicipalityCode = v.MunicipalityCode, ProvinceCode = v.ProvinceCode, ResRegionCode = v.ResRegionCode,
                ExternalId = "", ChangedBy = "", ChangeKind = "", Name = "", Kind = "", AssetType = "", Certainty = "", OtherMunicipalityCodes = "",
                Geometry = noGeometry, QuantitiesJson = "", EnergyJson = "", CarriersJson = "", SourceJson = "", ContentHash = "",
            })
            .ToListAsync(ct);
        var covered = records.Where(r => rows.Any(g => g.Covers(r))).ToList();
        var shared = covered.Count(r => r.Visibility == "shared");
        var confidential = covered.Count(r => r.Visibility == "confidential");
        var aggregate = new AgreementGrantCounts(shared, confidential);
        if (a.Level != AgreementLevels.Detail) return new AgreementGrants(none, aggregate, warnings);
        var confidentialByCode = covered.Count(r => r.Visibility == "confidential" && rows.Any(g => g.RecipientCode != null && g.Covers(r)));
        var byTypeOnly = confidential - confidentialByCode;
        if (byTypeOnly > 0)
            warnings.Add($"{byTypeOnly} confidential record(s) in scope are not opened in detail to organisation-type recipients " +
                "(confidential data is shared only with organisations named by code); they count in aggregates only. " +
                "Name the organisations by code to share them in detail.");
        if (shared + confidentialByCode == 0)
            warnings.Add("This detail agreement opens no record in detail today: " + (covered.Count == 0
                ? "none of the owner's shared or confidential records is in its scope."
                : "its recipients may not see the confidential records in its scope."));
        return new AgreementGrants(new AgreementGrantCounts(shared, confidentialByCode), aggregate, warnings);
    }

    private static ProblemResult? GuardAdmin(AccessScope scope) =>
        scope.Organisation is null ? Problems.Unauthorized("Agreements are made by a signed-in organisation.")
        : !scope.Caller.Has(Roles.OrgAdmin) ? Problems.Forbidden("Only an OrgAdmin of the data owner signs, changes or revokes its agreements.")
        : null;

    private static async Task<(SharingAgreementVersion?, ProblemResult?)> VisibleAsync(Guid id, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (scope.Organisation is null) return (null, Problems.Unauthorized("Agreements are shown to a signed-in organisation."));
        var row = await db.SharingAgreementVersions.AsNoTracking().FirstOrDefaultAsync(a => a.AgreementId == id && a.ValidTo == null, ct);
        return row is not null && (IsOwner(row, scope) || IsRecipient(row, scope))
            ? (row, null)
            : (null, Problems.NotFound($"There is no sharing agreement {id}."));
    }

    private static async Task<(SharingAgreementVersion?, ProblemResult?)> CurrentForWriteAsync(Guid id, HttpContext http, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (GuardAdmin(scope) is { } denied) return (null, denied);
        var (row, problem) = await VisibleAsync(id, db, access, ct);
        if (problem is not null) return (null, problem);
        if (!IsOwner(row!, scope)) return (null, Problems.Forbidden($"Agreement {id} belongs to {row!.OwnerCode}; only its OrgAdmins change it."));
        return RequestBody.CheckIfMatch(http.Request, row!.Version, $"agreement {id}") is { } stale ? (null, stale) : (row, null);
    }

    public static bool IsOwner(SharingAgreementVersion a, AccessScope scope) => a.OwnerCode == scope.Organisation;

    public static bool IsRecipient(SharingAgreementVersion a, AccessScope scope) =>
        AgreementJson.Recipients(a.RecipientsJson).Any(r => r.Organisation == scope.Organisation
            || (scope.OrganisationType is not null && r.OrganisationType == scope.OrganisationType));

    private static SharingAgreementVersion ToRow(SharingAgreementRequest r, Guid id, int version, Caller caller, DateTime createdAt, DateTime now) => new()
    {
        AgreementId = id, Version = version, ValidFrom = now, OwnerCode = caller.Organisation!,
        RecipientsJson = AgreementJson.Write(r.Recipients), ScopeJson = AgreementJson.Write(r.Scope), Level = r.Level, Purpose = r.Purpose,
        PeriodStart = r.ValidFrom, PeriodEnd = r.ValidTo, Status = r.Status, ChangedBy = caller.Subject, CreatedAt = createdAt,
    };

    private static SharingAgreementRequest ToRequest(SharingAgreementVersion a) => new(
        AgreementJson.Recipients(a.RecipientsJson), AgreementJson.Scope(a.ScopeJson), a.Level, a.Purpose, a.PeriodStart, a.PeriodEnd, a.Status);

    public static SharingAgreementResponse ToResponse(SharingAgreementVersion a, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var inForce = a.ValidTo == null && a.Status == SharingAgreementStatuses.Active && a.PeriodStart <= today && (a.PeriodEnd is null || a.PeriodEnd >= today);
        return new(a.AgreementId, a.OwnerCode, AgreementJson.Recipients(a.RecipientsJson), AgreementJson.Scope(a.ScopeJson), a.Level, a.Purpose,
            a.PeriodStart, a.PeriodEnd, a.Status, inForce, a.Version, a.CreatedAt, a.ValidFrom);
    }

    private static async Task<(SharingAgreementRequest?, ProblemResult?)> ReadAsync(HttpContext http, DataHubDb db, AccessScope scope, DataHubOptions options, CancellationToken ct)
    {
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Limits, ["application/json"], ct);
        if (problem is not null) return (null, problem);
        using (doc)
        {
            var errors = new ErrorCollector();
            var organisations = await db.Organisations.AsNoTracking().Select(o => o.Code).ToListAsync(ct);
            var request = Read(doc!.RootElement, errors, organisations.ToHashSet());
            if (request is not null && request.Scope.Records.Length > 0)
            {
                // Named records must be the owner's own, current developments.
                var records = request.Scope.Records;
                var own = await db.DevelopmentVersions.AsNoTracking()
                    .Where(v => v.ValidTo == null && v.OwnerCode == scope.Organisation && records.Contains(v.DevelopmentId))
                    .Select(v => v.DevelopmentId).ToListAsync(ct);
                for (var i = 0; i < records.Length; i++)
                    if (!own.Contains(records[i]))
                        errors.Add($"/scope/records/{i}", "unknownRecord", $"{records[i]} is not a development of {scope.Organisation}");
            }
            return errors.HasErrors ? (null, Problems.Validation(errors.Errors, "The sharing agreement is not valid")) : (request, null);
        }
    }

    /// <summary>Validates an agreement body; every error with its pointer. Pure.</summary>
    public static SharingAgreementRequest? Read(JsonElement e, ErrorCollector errors, IReadOnlySet<string> organisations)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add("", "invalidType", "an agreement is a JSON object"); return null; }
        string[] allowed = ["recipients", "scope", "level", "purpose", "validFrom", "validTo", "status"];
        foreach (var p in e.EnumerateObject().Where(p => Array.IndexOf(allowed, p.Name) < 0))
            errors.Add("/" + ErrorCollector.Escape(p.Name), p.Name is "owner" or "id" ? "readOnly" : "unknownProperty",
                p.Name is "owner" or "id" ? $"'{p.Name}' is set by the hub: the owner is the caller's organisation" : $"'{p.Name}' is not a property of an agreement");

        var recipients = new List<AgreementJson.Recipient>();
        if (!e.TryGetProperty("recipients", out var rs) || rs.ValueKind != JsonValueKind.Array || rs.GetArrayLength() == 0)
            errors.Add("/recipients", "required", "recipients is a non-empty array of {organisation} or {organisationType}");
        else
        {
            var i = 0;
            foreach (var r in rs.EnumerateArray())
            {
                var at = $"/recipients/{i++}";
                var org = r.ValueKind == JsonValueKind.Object && r.TryGetProperty("organisation", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
                var type = r.ValueKind == JsonValueKind.Object && r.TryGetProperty("organisationType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (r.ValueKind != JsonValueKind.Object || (org is null) == (type is null) || r.EnumerateObject().Count() != 1)
                    errors.Add(at, "invalidRecipient", "a recipient is {\"organisation\": code} or {\"organisationType\": type}");
                else if (org is not null && !organisations.Contains(org))
                    errors.Add(at + "/organisation", "unknownOrganisation", $"'{org}' is not a registered organisation");
                else if (type is not null && Array.IndexOf(OrganisationTypes.All, type) < 0)
                    errors.Add(at + "/organisationType", "unknownCode", $"'{type}' is not an organisation type; use one of {string.Join(", ", OrganisationTypes.All)}");
                else recipients.Add(new AgreementJson.Recipient(org, type));
            }
        }

        var scope = AgreementScope.All;
        if (e.TryGetProperty("scope", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.Object) errors.Add("/scope", "invalidType", "scope is an object {planTypes, sectors, areas, records}");
            else
            {
                foreach (var p in s.EnumerateObject().Where(p => p.Name is not ("planTypes" or "sectors" or "areas" or "records")))
                    errors.Add("/scope/" + ErrorCollector.Escape(p.Name), "unknownProperty", $"'{p.Name}' is not a scope dimension");
                string[] Codes(string name, Func<string, bool> known, string what)
                {
                    if (!s.TryGetProperty(name, out var arr) || arr.ValueKind == JsonValueKind.Null) return [];
                    if (arr.ValueKind != JsonValueKind.Array) { errors.Add($"/scope/{name}", "invalidType", $"{name} is an array"); return []; }
                    var list = new List<string>();
                    var i = 0;
                    foreach (var v in arr.EnumerateArray())
                    {
                        if (v.ValueKind != JsonValueKind.String || !known(v.GetString()!)) errors.Add($"/scope/{name}/{i}", "unknownCode", $"not a known {what}");
                        else list.Add(v.GetString()!);
                        i++;
                    }
                    return [.. list.Distinct()];
                }
                var planTypes = Codes("planTypes", c => DevelopmentCodes.IsKnown(DevelopmentCodes.PlanTypes, c), "plan type");
                var sectors = Codes("sectors", c => DevelopmentCodes.IsKnown(DevelopmentCodes.Sectors, c), "sector");
                var areas = Codes("areas", c => AreaCatalogue.Instance.ByCode.ContainsKey(c), "area code (GM…, PV…, ES…)");
                var records = Codes("records", c => Guid.TryParse(c, out _), "development id").Select(Guid.Parse).ToArray();
                scope = new AgreementScope(planTypes, sectors, areas, records);
            }
        }

        string? Str(string name, bool required, int max)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) errors.Add("/" + name, "required", $"{name} is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length == 0 || v.GetString()!.Length > max)
            {
                errors.Add("/" + name, "invalidType", $"{name} is a non-empty string of at most {max} characters");
                return null;
            }
            return v.GetString()!.Trim();
        }
        DateOnly? Date(string name, bool required)
        {
            var text = Str(name, required, 10);
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors.Add("/" + name, "invalidFormat", $"{name} is a date, yyyy-MM-dd");
            return null;
        }
        var level = Str("level", true, 20);
        if (level is not null && Array.IndexOf(AgreementLevels.All, level) < 0)
            errors.Add("/level", "unknownCode", "level is detail or aggregateOnly");
        var purpose = Str("purpose", true, 500);
        var validFrom = Date("validFrom", true);
        var validTo = Date("validTo", false);
        if (validFrom is not null && validTo is not null && validTo < validFrom)
            errors.Add("/validTo", "invalidRange", "validTo is before validFrom");
        var status = Str("status", false, 20) ?? SharingAgreementStatuses.Draft;
        if (Array.IndexOf(SharingAgreementStatuses.All, status) < 0)
            errors.Add("/status", "unknownCode", $"status is one of {string.Join(", ", SharingAgreementStatuses.All)}");
        return errors.HasErrors ? null : new SharingAgreementRequest(recipients, scope, level!, purpose!, validFrom!.Value, validTo, status);
    }
}
