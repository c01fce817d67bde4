using Microsoft.Data.Sqlite;
using Npgsql;

namespace DataHub.Api.Data;

/// <summary>
/// The one way a record's next version is stored: the version in force is closed where the next begins, the next is
/// added, and both are saved together (with the change-feed event and audit entries the context holds). A unique key
/// refusing the save means another writer took that version (or that key) first: the answer is <c>false</c>, which an
/// operation turns into 409 or 412. Any other database failure is not a conflict: it propagates, is logged and
/// answers 500, so a broken constraint is never disguised as "changed by another request".
/// </summary>
public static class VersionedStore
{
    /// <summary>Closes <paramref name="current"/> (when there is one) and adds <paramref name="next"/>; false when a unique key refused it.</summary>
    public static Task<bool> AppendAsync<T>(this DataHubDb db, T? current, T next, CancellationToken ct) where T : class, IValidity
    {
        if (current is not null)
        {
            var entry = db.Entry(current);
            if (entry.State == EntityState.Detached) db.Attach(current);
            entry.Property(nameof(IValidity.ValidTo)).CurrentValue = next.ValidFrom;
            entry.Property(nameof(IValidity.ValidTo)).IsModified = true;
        }
        db.Add(next);
        return db.TrySaveAsync(ct);
    }

    /// <summary>
    /// Appends <paramref name="next"/> after <paramref name="current"/>: the version written, or 412 naming
    /// <paramref name="what"/> when another request took that version first.
    /// </summary>
    public static async Task<Outcome<Written<T>>> NextVersionAsync<T>(this DataHubDb db, T? current, T next, string what, CancellationToken ct)
        where T : class, IValidity, IVersionRow =>
        await db.AppendAsync(current, next, ct)
            ? new Written<T>(next, next.Version, Created: current is null)
            : Problems.PreconditionFailed($"{what} was changed by another request; GET it again.");

    /// <summary>Saves what the context holds; false (and nothing saved) when a unique key refused it.</summary>
    public static async Task<bool> TrySaveAsync(this DataHubDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Whether a failed write broke a unique key or primary key, and nothing else (not NOT NULL, CHECK, a foreign key or a trigger).</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUniqueViolation or SqlitePrimaryKeyViolation,
        _ => false,
    };

    private const int SqliteUniqueViolation = 2067;     // SQLITE_CONSTRAINT_UNIQUE
    private const int SqlitePrimaryKeyViolation = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY
}
