using System.Globalization;

namespace DataHub.Api.Operations;

/// <summary>
/// Reads the properties of one JSON object of a request body, collecting every error with its JSON pointer (RFC 6901)
/// instead of stopping at the first: the one reader behind the hub's hand-validated documents (plans, programme
/// cycles, sharing agreements, stations), so the same fault gets the same code everywhere:
/// <c>required</c> (absent or null where required), <c>invalidType</c> (not a non-empty string, not an integer),
/// <c>tooLong</c>, <c>outOfRange</c>, <c>invalidFormat</c>, <c>unknownCode</c>, <c>unknownProperty</c>, <c>readOnly</c>.
/// Hand-written rather than JSON Schema validation: the errors carry the hub's codes and say what a valid value is.
/// </summary>
public sealed class JsonObjectReader
{
    private readonly JsonElement _object;
    private readonly ErrorCollector _errors;
    private readonly string _at;

    private JsonObjectReader(JsonElement o, ErrorCollector errors, string at) => (_object, _errors, _at) = (o, errors, at);

    public JsonElement Element => _object;

    /// <summary>
    /// A reader over <paramref name="e"/> at <paramref name="at"/>, or null (with an error) when it is not an object.
    /// Properties outside <paramref name="allowed"/> are reported: <c>readOnly</c> when the hub sets them, else <c>unknownProperty</c>.
    /// </summary>
    public static JsonObjectReader? Open(JsonElement e, ErrorCollector errors, string what, string[] allowed, string[]? readOnly = null, string at = "")
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at, "invalidType", $"{what} is a JSON object");
            return null;
        }
        foreach (var p in e.EnumerateObject().Where(p => Array.IndexOf(allowed, p.Name) < 0))
        {
            var isReadOnly = readOnly is not null && Array.IndexOf(readOnly, p.Name) >= 0;
            errors.Add($"{at}/{ErrorCollector.Escape(p.Name)}", isReadOnly ? "readOnly" : "unknownProperty",
                isReadOnly ? $"'{p.Name}' is set by the hub" : $"'{p.Name}' is not a property of {what}");
        }
        return new JsonObjectReader(e, errors, at);
    }

    /// <summary>A reader over an object whose other members are tolerated (a GeoJSON Feature's properties); a value that is not an object reads as empty.</summary>
    public static JsonObjectReader Over(JsonElement e, ErrorCollector errors, string at = "") =>
        new(e.ValueKind == JsonValueKind.Object ? e : Empty, errors, at);

    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    private string Pointer(string name) => $"{_at}/{ErrorCollector.Escape(name)}";

    public void Error(string name, string code, string message) => _errors.Add(Pointer(name), code, message);

    /// <summary>The property, or null when absent or JSON null (reported as <c>required</c> when it is).</summary>
    public JsonElement? Property(string name, bool required)
    {
        if (_object.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null) return v;
        if (required) Error(name, "required", $"{name} is required");
        return null;
    }

    /// <summary>A non-empty string (trimmed) of at most <paramref name="max"/> characters.</summary>
    public string? String(string name, bool required, int max)
    {
        if (Property(name, required) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length == 0)
        {
            Error(name, "invalidType", $"{name} must be a non-empty string");
            return null;
        }
        var s = v.GetString()!.Trim();
        if (s.Length > max)
        {
            Error(name, "tooLong", $"{name} is longer than {max} characters");
            return null;
        }
        return s;
    }

    /// <summary>A string that is one of <paramref name="allowed"/> (compared as <paramref name="isKnown"/> says, exactly by default).</summary>
    public string? Code(string name, bool required, IReadOnlyList<string> allowed, Func<string, bool>? isKnown = null)
    {
        var s = String(name, required, 64);
        if (s is null) return null;
        if (isKnown?.Invoke(s) ?? allowed.Contains(s, StringComparer.Ordinal)) return s;
        Error(name, "unknownCode", $"'{s}' is not a known {name}; use one of {string.Join(", ", allowed)}");
        return null;
    }

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? Int(string name, bool required, int min, int max, string? what = null)
    {
        if (Property(name, required) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= min && i <= max) return i;
        Error(name, "outOfRange", $"{name} must be {what ?? $"a whole number from {min} to {max}"}");
        return null;
    }

    /// <summary>A calendar date, yyyy-MM-dd.</summary>
    public DateOnly? Date(string name, bool required)
    {
        var text = String(name, required, 10);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Error(name, "invalidFormat", $"{name} is a date, yyyy-MM-dd");
        return null;
    }
}
