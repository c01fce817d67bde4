using System.Linq.Expressions;
using System.Text.Json;
using DataHub.Api.Data;
using DataHub.Api.Features.Developments;
using Microsoft.EntityFrameworkCore;

namespace DataHub.Api.Access;

/// <summary>What an active sharing agreement grants one recipient: the owner's records in scope, at a level.</summary>
public sealed record Grant(Guid AgreementId, string Owner, string Level, AgreementScope Scope)
{
    private Func<DevelopmentVersion, bool>? _covers;

    public bool IsDetail => Level == AgreementLevels.Detail;

    /// <summary>The in-memory form of the same predicate the database evaluates, compiled once.</summary>
    public bool Covers(DevelopmentVersion row) => (_covers ??= AccessPolicy.Covers(this).Compile())(row);
}

/// <summary>The records an agreement covers; an empty list means "all" for that dimension.</summary>
public sealed record AgreementScope(string[] PlanTypes, string[] Sectors, string[] Areas, Guid[] Records)
{
    public static readonly AgreementScope All = new([], [], [], []);
}

public static class AgreementLevels
{
    public const string Detail = "detail";
    public const string AggregateOnly = "aggregateOnly";
    public static readonly string[] All = [Detail, AggregateOnly];
}

/// <summary>
/// Everything the access policy needs about one caller for one request: organisation, its type, roles, and the
/// grants of the active agreements addressed to it. Built once per request by <see cref="AccessScopes"/>.
/// </summary>
public sealed record AccessScope(Caller Caller, string? OrganisationType, IReadOnlyList<Grant> Grants)
{
    public static readonly AccessScope Anonymous = new(Caller.Anonymous, null, []);

    public string? Organisation => Caller.Organisation;
}

/// <summary>
/// The one access policy. Every read path filters through these predicates (in SQL) and masks properties with
/// <see cref="HasDetailAccess"/>:
/// - detail (the record itself): public records, the caller's own, and shared records under a detail agreement;
/// - aggregate (counted in totals, with disclosure control): additionally shared and confidential records under any
///   active agreement (detail or aggregateOnly);
/// - sensitive properties (contact, stated energy): the owner and detail-agreement recipients only.
/// Confidential records are never shown in detail to anyone but their owner.
/// </summary>
public static class AccessPolicy
{
    public static IQueryable<DevelopmentVersion> VisibleTo(this IQueryable<DevelopmentVersion> rows, AccessScope scope) =>
        rows.Where(SeesDetail(scope));

    public static Expression<Func<DevelopmentVersion, bool>> SeesDetail(AccessScope scope)
    {
        var org = scope.Organisation;
        Expression<Func<DevelopmentVersion, bool>> rule = org is null
            ? d => d.Visibility == "public"
            : d => d.Visibility == "public" || d.OwnerCode == org;
        foreach (var grant in scope.Grants.Where(g => g.IsDetail))
            rule = rule.Or(Covers(grant).And(d => d.Visibility == "shared"));
        return rule;
    }

    /// <summary>Records that may count in an aggregate for this caller: detail access, or any active agreement.</summary>
    public static Expression<Func<DevelopmentVersion, bool>> SeesAggregate(AccessScope scope)
    {
        var rule = SeesDetail(scope);
        foreach (var grant in scope.Grants)
            rule = rule.Or(Covers(grant));
        return rule;
    }

    /// <summary>Whether the caller may see a record's sensitive properties: its owner, or a detail agreement covering it.</summary>
    public static bool HasDetailAccess(this AccessScope scope, DevelopmentVersion row) =>
        (scope.Organisation is { } org && row.OwnerCode == org)
        || scope.Grants.Any(g => g.IsDetail && row.Visibility != "confidential" && g.Covers(row));

    public static bool CanSubmit(this Caller caller) => caller.IsAuthenticated && caller.Has(Roles.Submitter);

    internal static Expression<Func<DevelopmentVersion, bool>> Covers(Grant g)
    {
        var owner = g.Owner;
        Expression<Func<DevelopmentVersion, bool>> rule = d => d.OwnerCode == owner;
        var s = g.Scope;
        if (s.PlanTypes.Length > 0) { var planTypes = s.PlanTypes; rule = rule.And(d => planTypes.Contains(d.PlanType)); }
        if (s.Sectors.Length > 0) { var sectors = s.Sectors; rule = rule.And(d => sectors.Contains(d.Sector)); }
        if (s.Areas.Length > 0)
        {
            var areas = s.Areas;
            rule = rule.And(d => (d.MunicipalityCode != null && areas.Contains(d.MunicipalityCode))
                || (d.ProvinceCode != null && areas.Contains(d.ProvinceCode))
                || (d.ResRegionCode != null && areas.Contains(d.ResRegionCode)));
        }
        if (s.Records.Length > 0) { var records = s.Records; rule = rule.And(d => records.Contains(d.DevelopmentId)); }
        return rule;
    }

    private static Expression<Func<T, bool>> And<T>(this Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Combine(a, b, Expression.AndAlso);

    private static Expression<Func<T, bool>> Or<T>(this Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Combine(a, b, Expression.OrElse);

    private static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b,
        Func<Expression, Expression, BinaryExpression> join)
    {
        var parameter = a.Parameters[0];
        var body = new Rebind(b.Parameters[0], parameter).Visit(b.Body);
        return Expression.Lambda<Func<T, bool>>(join(a.Body, body), parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>Builds (once per request) the caller's <see cref="AccessScope"/> from the registered organisations and the active agreements.</summary>
public sealed class AccessScopes(DataHubDb db, TimeProvider clock, IHttpContextAccessor http)
{
    private AccessScope? _current;

    /// <summary>Reads the caller's grants again on the next question (a GraphQL batch, after an operation that may have changed them).</summary>
    public void Forget() => _current = null;

    public async Task<AccessScope> CurrentAsync(CancellationToken ct)
    {
        if (_current is not null) return _current;
        var caller = Caller.From(http.HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal());
        _current = await ForAsync(caller, ct);
        return _current;
    }

    public async Task<AccessScope> ForAsync(Caller caller, CancellationToken ct)
    {
        if (caller.Organisation is not { } org) return AccessScope.Anonymous;
        var type = await db.Organisations.AsNoTracking().Where(o => o.Code == org).Select(o => o.Type).FirstOrDefaultAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var active = await db.SharingAgreementVersions.AsNoTracking()
            .Where(a => a.ValidTo == null && a.Status == "active" && a.PeriodStart <= today && (a.PeriodEnd == null || a.PeriodEnd >= today)
                && a.OwnerCode != org)
            .ToListAsync(ct);
        var grants = active
            .Where(a => AgreementJson.Recipients(a.RecipientsJson).Any(r => r.Organisation == org || (type is not null && r.OrganisationType == type)))
            .Select(a => new Grant(a.AgreementId, a.OwnerCode, a.Level, AgreementJson.Scope(a.ScopeJson)))
            .ToList();
        return new AccessScope(caller, type, grants);
    }
}

/// <summary>The stored JSON of agreements' recipients and scope.</summary>
public static class AgreementJson
{
    public sealed record Recipient(string? Organisation = null, string? OrganisationType = null);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static IReadOnlyList<Recipient> Recipients(string json) => JsonSerializer.Deserialize<List<Recipient>>(json, Options) ?? [];
    /// <summary>The stored scope; an absent dimension reads as empty ("all").</summary>
    public static AgreementScope Scope(string json)
    {
        var s = JsonSerializer.Deserialize<AgreementScope>(json, Options);
        return s is null ? AgreementScope.All : new AgreementScope(s.PlanTypes ?? [], s.Sectors ?? [], s.Areas ?? [], s.Records ?? []);
    }
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}
