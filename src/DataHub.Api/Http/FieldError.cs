namespace DataHub.Api.Http;

/// <summary>One thing wrong with a request, located by a JSON pointer (RFC 6901) into the body,
/// or for bulk imports by the feature index / CSV row it belongs to.</summary>
public sealed record FieldError(string Pointer, string Code, string Message)
{
    /// <summary>The query parameter or header at fault, for errors outside the body.</summary>
    public string? Parameter { get; init; }
    public int? Index { get; init; }
    public int? Row { get; init; }
    public string? Column { get; init; }
}

/// <summary>Collects field errors under a pointer prefix, so nested validators report full pointers.</summary>
public sealed class ErrorCollector(string prefix = "")
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;
    public bool HasErrors => _errors.Count > 0;
    public string Prefix => prefix;

    public void Add(string pointer, string code, string message) =>
        _errors.Add(new FieldError(prefix + pointer, code, message));

    public static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");
}
