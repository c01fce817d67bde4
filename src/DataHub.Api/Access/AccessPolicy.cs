using System.Linq.Expressions;
using DataHub.Api.Features.Developments;
using Microsoft.Extensions.Caching.Memory;

namespace DataHub.Api.Access;

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
/// Everything the access policy needs about one caller for one request: organisation, its type, roles, today's date,
/// the grant rows addressed to it (by code or by type) that are in force today, and the grant table the database joins
/// on. Built once per request by <see cref="AccessScopes"/>.
/// </summary>
public sealed record AccessScope(Caller Caller, string? OrganisationType, IReadOnlyList<AccessGrant> Grants, DateOnly Today,
    IQueryable<AccessGrant>? GrantTable)
{
    public static readonly AccessScope Anonymous = new(Caller.Anonymous, null, [], DateOnly.MinValue, null);

    public string? Organisation => Caller.Organisation;

    /// <summary>The change feed's head this scope was read at (null for anonymous callers, whose scope reads nothing).</summary>
    public long? Head { get; init; }

    /// <summary>The hash of <see cref="Grants"/> (<see cref="GrantSet.Hash"/>).</summary>
    public string GrantsHash { get; init; } = "";

    private string? _fingerprint;

    /// <summary>
    /// Everything in this scope that can change what a read shows: two callers with the same fingerprint see the same
    /// records with the same properties (<see cref="Http.AnswerCache"/> keys on it). A SHA-256 of the organisation, its
    /// type, the roles, today's date and the grant rows' hash, written as JSON (unambiguous).
    /// </summary>
    public string Fingerprint => _fingerprint ??= Organisation is null ? "anonymous"
        : HashOf([JsonSerializer.Serialize(new object?[] { Organisation, OrganisationType, Caller.Roles.Order(StringComparer.Ordinal), Today.DayNumber, GrantsHash })]);

    public static string HashOf(IEnumerable<string> lines) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines))));
}

/// <summary>
/// The one access policy. Every read path filters through these predicates (in SQL, joined on the grant rows, so a
/// query's shape and cost do not grow with the caller's agreements) or their in-memory twins, and masks properties with
/// <see cref="HasDetailAccess"/>:
/// - detail (the record itself): public records, the caller's own; shared records under a detail agreement naming the
///   caller by code or by organisation type; confidential records under a detail agreement naming the caller by code
///   (never through an organisation-type recipient);
/// - aggregate (counted in totals, with disclosure control): additionally shared and confidential records under any
///   active agreement (detail or aggregateOnly, by code or type);
/// - sensitive properties (contact, stated energy): the owner and those who see the record through a detail agreement.
/// </summary>
public static class AccessPolicy
{
    public static IQueryable<DevelopmentVersion> VisibleTo(this IQueryable<DevelopmentVersion> rows, AccessScope scope) =>
        rows.Where(SeesDetail(scope));

    public static Expression<Func<DevelopmentVersion, bool>> SeesDetail(AccessScope scope)
    {
        if (scope.Organisation is not { } org || scope.GrantTable is not { } grants) return d => d.Visibility == "public";
        var type = scope.OrganisationType ?? "";
        var today = scope.Today;
        return PublicOwnOrGranted(org, grants, (g, d) => g.Level == AgreementLevels.Detail
            && (g.RecipientCode == org || (g.RecipientType == type && d.Visibility == "shared"))
            && g.PeriodStart <= today && (g.PeriodEnd == null || g.PeriodEnd >= today));
    }

    /// <summary>Records that may count in an aggregate for this caller: detail access, or any active agreement.</summary>
    public static Expression<Func<DevelopmentVersion, bool>> SeesAggregate(AccessScope scope)
    {
        if (scope.Organisation is not { } org || scope.GrantTable is not { } grants) return SeesDetail(scope);
        var type = scope.OrganisationType ?? "";
        var today = scope.Today;
        return PublicOwnOrGranted(org, grants, (g, d) => (g.RecipientCode == org || g.RecipientType == type)
            && g.PeriodStart <= today && (g.PeriodEnd == null || g.PeriodEnd >= today));
    }

    /// <summary>
    /// d => public, or the caller's own, or some grant row that <paramref name="applies"/> and covers d
    /// (<see cref="AccessGrants.CoversRecord"/>): an EXISTS over the grant table, the same shape for every caller.
    /// </summary>
    private static Expression<Func<DevelopmentVersion, bool>> PublicOwnOrGranted(string org, IQueryable<AccessGrant> grants,
        Expression<Func<AccessGrant, DevelopmentVersion, bool>> applies)
    {
        var d = Expression.Parameter(typeof(DevelopmentVersion), "d");
        var g = Expression.Parameter(typeof(AccessGrant), "g");
        var grantCovers = Expression.Lambda<Func<AccessGrant, bool>>(
            Expression.AndAlso(Inline(applies, g, d), Inline(AccessGrants.CoversRecord, g, d)), g);
        var anyGrant = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(AccessGrant)], grants.Expression, Expression.Quote(grantCovers));
        Expression<Func<DevelopmentVersion, bool>> publicOrOwn = x => x.Visibility == "public" || x.OwnerCode == org;
        return Expression.Lambda<Func<DevelopmentVersion, bool>>(Expression.OrElse(Inline(publicOrOwn, d), anyGrant), d);
    }

    /// <summary>A lambda's body with its parameters replaced by the given expressions.</summary>
    private static Expression Inline(LambdaExpression lambda, params Expression[] arguments) =>
        new Substitute(lambda.Parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second)).Visit(lambda.Body);

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.GetValueOrDefault(node, node);
    }

    /// <summary>The in-memory twin of <see cref="SeesDetail(AccessScope)"/>, over the caller's grants in force today.</summary>
    public static bool SeesDetail(this AccessScope scope, DevelopmentVersion row) =>
        row.Visibility == "public" || scope.HasDetailAccess(row);

    /// <summary>The in-memory twin of <see cref="SeesAggregate(AccessScope)"/>.</summary>
    public static bool SeesAggregate(this AccessScope scope, DevelopmentVersion row) =>
        scope.SeesDetail(row) || scope.Grants.Any(g => g.Covers(row));

    /// <summary>
    /// Whether the caller may see a record's sensitive properties: its owner, or a detail agreement through which it
    /// sees the record (a confidential record only through one that names the caller by code).
    /// </summary>
    public static bool HasDetailAccess(this AccessScope scope, DevelopmentVersion row) =>
        (scope.Organisation is { } org && row.OwnerCode == org)
        || scope.Grants.Any(g => g.Level == AgreementLevels.Detail && g.Covers(row)
            && (row.Visibility != "confidential" || g.RecipientCode == scope.Organisation));

    public static bool CanSubmit(this Caller caller) => caller.IsAuthenticated && caller.Has(Roles.Submitter);
}

/// <summary>
/// Builds (once per request) the caller's <see cref="AccessScope"/> from the registered organisations and the grant rows.
/// The organisation's type and grants are kept per node (<see cref="GrantSets"/>) for the data's current head: the grant
/// rows change only with an agreement's version, which moves the change feed's head in the same transaction, and an
/// organisation's type is fixed once it is registered. So a signed-in request costs one indexed head query, not a read
/// of its grants, and an agreement written through any node is in force on every node from the next request.
/// </summary>
public sealed class AccessScopes(DataHubDb db, TimeProvider clock, IHttpContextAccessor http, GrantSets grantSets)
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
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The head first, then the grants: a set is never older than the head it is kept under.
        var head = await Features.Changes.ChangeFeed.HeadAsync(db, ct);
        var set = await grantSets.GetOrLoadAsync(org, today, head, async () =>
        {
            var type = await db.Organisations.AsNoTracking().Where(o => o.Code == org).Select(o => o.Type).FirstOrDefaultAsync(ct) ?? "";
            var grants = await db.AccessGrants.AsNoTracking()
                .Where(g => (g.RecipientCode == org || g.RecipientType == type) && g.OwnerCode != org
                    && g.PeriodStart <= today && (g.PeriodEnd == null || g.PeriodEnd >= today))
                .ToListAsync(ct);
            return new GrantSet(type.Length == 0 ? null : type, grants);
        });
        return new AccessScope(caller, set.OrganisationType, set.Grants, today, db.AccessGrants.AsNoTracking()) { Head = head, GrantsHash = set.Hash };
    }
}

/// <summary>An organisation's type and the grant rows in force for it on a day, with a hash of their content.</summary>
public sealed class GrantSet(string? organisationType, IReadOnlyList<AccessGrant> grants)
{
    public string? OrganisationType { get; } = organisationType;
    public IReadOnlyList<AccessGrant> Grants { get; } = grants;

    /// <summary>SHA-256 of every field of every grant row, written as JSON (unambiguous) and sorted.</summary>
    public string Hash { get; } = AccessScope.HashOf(grants.Select(g => JsonSerializer.Serialize(new object?[] { g.AgreementId, g.OwnerCode,
        g.RecipientCode, g.RecipientType, g.Level, g.PlanType, g.Sector, g.AreaCode, g.DevelopmentId, g.PeriodStart.DayNumber,
        g.PeriodEnd?.DayNumber })).Order(StringComparer.Ordinal));
}

/// <summary>
/// The grant sets of recent callers, per organisation, day and change-feed head (see <see cref="AccessScopes"/>). An old
/// head's sets are never asked for again and age out; the cache holds at most a few thousand.
/// </summary>
public sealed class GrantSets : IDisposable
{
    private readonly MemoryCache _sets = new(new MemoryCacheOptions { SizeLimit = 4096 });

    public async Task<GrantSet> GetOrLoadAsync(string organisation, DateOnly today, long head, Func<Task<GrantSet>> load)
    {
        var key = (organisation, today, head);
        if (_sets.TryGetValue(key, out GrantSet? set) && set is not null) return set;
        set = await load();
        _sets.Set(key, set, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return set;
    }

    public void Dispose() => _sets.Dispose();
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
