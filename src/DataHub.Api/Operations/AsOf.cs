using System.Globalization;

namespace DataHub.Api.Operations;

/// <summary>
/// The one <c>asOf</c> rule of every read on every surface: a past moment (RFC 3339, UTC when no offset is given) at
/// which the read sees the data as it was then, e.g. a programme cycle's frozen baseline; absent, now. A moment in the
/// future is refused: the future is not fixed yet, and an answer for it would change without notice.
/// </summary>
public static class AsOf
{
    public const string Parameter = "asOf";

    /// <summary>A query-string value read: the moment, or the error naming the parameter.</summary>
    public static (DateTime? At, FieldError? Error) Parse(string? raw, TimeProvider clock, string parameter = Parameter)
    {
        if (string.IsNullOrEmpty(raw)) return (null, null);
        if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            return (null, new FieldError("", "invalidFormat", $"{parameter} is an RFC 3339 date-time, e.g. 2027-01-15T00:00:00Z") { Parameter = parameter });
        return Check(t.UtcDateTime, clock, parameter) is { } error ? (null, error) : (t.UtcDateTime, null);
    }

    /// <summary>A moment already typed (a GraphQL DateTime): null when it may be asked for, else the error.</summary>
    public static FieldError? Check(DateTime? at, TimeProvider clock, string parameter = Parameter) =>
        at is { } t && t.ToUniversalTime() > clock.GetUtcNow().UtcDateTime
            ? new FieldError("", "outOfRange", $"{parameter} is a moment in the past: the future is not fixed yet") { Parameter = parameter }
            : null;
}
