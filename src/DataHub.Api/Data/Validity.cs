namespace DataHub.Api.Data;

/// <summary>Which version of each record a read sees: the current one, or the one in force at a past moment (asOf).</summary>
public static class Validity
{
    /// <summary>The versions in force at <paramref name="asOf"/>; the current ones when null.</summary>
    public static IQueryable<T> InForceAt<T>(this IQueryable<T> rows, DateTime? asOf) where T : class, IValidity => asOf is { } t
        ? rows.Where(v => v.ValidFrom <= t && (v.ValidTo == null || v.ValidTo > t))
        : rows.Where(v => v.ValidTo == null);
}
