namespace DataHub.Api.Operations;

/// <summary>
/// Optimistic concurrency, the one rule for every write to an existing record: the caller names the version it read
/// (REST's <c>If-Match</c> header, GraphQL's <c>ifMatch</c> argument: ETags, comma-separated, or <c>*</c>); none is
/// 428, another than the current one 412.
/// </summary>
public static class Precondition
{
    public static string ETag(int version) => $"\"{version}\"";

    /// <summary>Null when <paramref name="ifMatch"/> names the current version, else the problem.</summary>
    public static ProblemResult? Check(string? ifMatch, int currentVersion, string what)
    {
        var current = ETag(currentVersion);
        if (string.IsNullOrEmpty(ifMatch))
            return Problems.PreconditionRequired($"Send If-Match with the ETag of {what} ({current} now) to change it.");
        var tags = ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t);
        return tags.Contains("*") || tags.Contains(current)
            ? null
            : Problems.PreconditionFailed($"If-Match {ifMatch} does not match the current version of {what}, {current}; GET it again.");
    }
}
