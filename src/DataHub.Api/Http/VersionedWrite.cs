namespace DataHub.Api.Http;

/// <summary>
/// The common end of writing a record's next version: save (the unique (id, version) index turns a concurrent
/// writer into a conflict; any other failure is an error, see <see cref="VersionedStore"/>), answer 412 when another request got there first, and set the new ETag.
/// </summary>
public static class VersionedWrite
{
    /// <summary>Saves the pending changes; a 412 problem when another request wrote the same version first, else null.</summary>
    public static async Task<ProblemResult?> SaveAsync(HttpContext http, DataHubDb db, IVersionRow next, string what, CancellationToken ct)
    {
        if (!await db.TrySaveAsync(ct)) return Problems.PreconditionFailed($"{what} was changed by another request; GET it again.");
        http.Response.Headers.ETag = RequestBody.ETag(next.Version);
        return null;
    }
}
