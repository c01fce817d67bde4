using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace DataHub.Api.Http;

/// <summary>
/// Every query parameter of every operation is checked before its handler runs, against what the operation declares
/// (the same declarations the OpenAPI document is built from: <see cref="ParameterDoc"/> metadata and the handler's
/// bound parameters):
/// - a parameter the operation does not declare is 400 naming it (a typo must not silently widen a query);
/// - a typed parameter (integer, number, boolean, date-time, date, uuid) whose value does not parse as that type, or
///   that is given more than once, is 400 naming it;
/// - any value longer than <see cref="MaxValueLength"/> characters, or holding a NUL character, is 400.
/// Ranges and code lists stay with the operations, which know them.
/// </summary>
public static class QueryParameters
{
    public const int MaxValueLength = 4096;

    private enum Kind { String, Int32, Int64, Number, Boolean, DateTime, Date, Uuid }

    private sealed record Declared(IReadOnlyDictionary<string, Kind> Parameters);

    private static readonly ConcurrentDictionary<Endpoint, Declared?> Cache = new();

    public static IApplicationBuilder UseDeclaredQueryParameters(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint() is { } endpoint && Cache.GetOrAdd(endpoint, Declare) is { } declared)
        {
            var errors = Check(http.Request.Query, declared);
            if (errors.Count > 0)
            {
                await Problems.Validation(errors, "The query is not valid").ExecuteAsync(http);
                return;
            }
        }
        await next();
    });

    /// <summary>The operation's query parameters, or null for endpoints outside the API (they take none we check).</summary>
    private static Declared? Declare(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint route || route.RoutePattern.RawText is not { } raw || !raw.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal))
            return null;
        var parameters = new Dictionary<string, Kind>(StringComparer.Ordinal);
        var routeValues = route.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // The handler's own bound parameters first: their CLR type is what binding will demand.
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
            foreach (var p in method.GetParameters())
            {
                if (p.GetCustomAttribute<AsParametersAttribute>() is not null)
                {
                    // A query record: each property, by its [FromQuery] name, typed by its CLR type (or its [DataType]).
                    foreach (var property in p.ParameterType.GetProperties())
                        if (property.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>() is { } from
                            && (KindOf(property) ?? KindOf(property.PropertyType)) is { } propertyKind)
                            parameters[from.Name ?? property.Name] = propertyKind;
                    continue;
                }
                if (p.Name is { } name && !routeValues.Contains(name) && KindOf(p.ParameterType) is { } kind)
                    parameters[name] = kind;
            }
        foreach (var doc in endpoint.Metadata.OfType<ParameterDoc>().Where(d => d.In == ParameterLocation.Query))
            parameters.TryAdd(doc.Name, KindOf(doc));
        return new Declared(parameters);
    }

    /// <summary>A text property that carries a date-time or date (read by the operation's own rule, e.g. asOf): checked as one.</summary>
    private static Kind? KindOf(PropertyInfo property) => property.GetCustomAttribute<System.ComponentModel.DataAnnotations.DataTypeAttribute>()?.DataType switch
    {
        System.ComponentModel.DataAnnotations.DataType.DateTime => Kind.DateTime,
        System.ComponentModel.DataAnnotations.DataType.Date => Kind.Date,
        _ => null,
    };

    private static Kind? KindOf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return Kind.String;
        if (t == typeof(int) || t == typeof(short)) return Kind.Int32;
        if (t == typeof(long)) return Kind.Int64;
        if (t == typeof(double) || t == typeof(decimal) || t == typeof(float)) return Kind.Number;
        if (t == typeof(bool)) return Kind.Boolean;
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return Kind.DateTime;
        if (t == typeof(DateOnly)) return Kind.Date;
        if (t == typeof(Guid)) return Kind.Uuid;
        return null; // services, HttpContext, CancellationToken, bodies: not query parameters
    }

    private static Kind KindOf(ParameterDoc doc) => (doc.Type, doc.Format) switch
    {
        (JsonSchemaType.Integer, "int64") => Kind.Int64,
        (JsonSchemaType.Integer, _) => Kind.Int32,
        (JsonSchemaType.Number, _) => Kind.Number,
        (JsonSchemaType.Boolean, _) => Kind.Boolean,
        (_, "date-time") => Kind.DateTime,
        (_, "date") => Kind.Date,
        (_, "uuid") => Kind.Uuid,
        _ => Kind.String,
    };

    private static List<FieldError> Check(IQueryCollection query, Declared declared)
    {
        var errors = new List<FieldError>();
        foreach (var (name, values) in query)
        {
            if (!declared.Parameters.TryGetValue(name, out var kind))
            {
                var known = declared.Parameters.Count == 0 ? "this operation takes no query parameters"
                    : "it takes " + string.Join(", ", declared.Parameters.Keys.Order(StringComparer.Ordinal));
                errors.Add(new FieldError("", "unknownParameter", $"unknown query parameter '{Shorten(name)}'; {known}") { Parameter = Shorten(name) });
                continue;
            }
            if (values.Any(v => v?.Length > MaxValueLength))
            {
                errors.Add(new FieldError("", "tooLong", $"{name} is longer than {MaxValueLength} characters") { Parameter = name });
                continue;
            }
            if (values.Any(v => v?.Contains('\0') == true))
            {
                errors.Add(new FieldError("", "nulCharacter", $"{name} may not contain the NUL character (U+0000)") { Parameter = name });
                continue;
            }
            if (kind == Kind.String) continue;
            if (values.Count > 1)
            {
                errors.Add(new FieldError("", "repeated", $"{name} is given {values.Count} times; give it once") { Parameter = name });
                continue;
            }
            var value = values.ToString();
            if (!Parses(kind, value))
                errors.Add(new FieldError("", "invalidType", $"{name} must be {Describe(kind)}, not '{Shorten(value)}'") { Parameter = name });
        }
        return errors;
    }

    private static bool Parses(Kind kind, string value) => kind switch
    {
        Kind.Int32 => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        Kind.Int64 => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        Kind.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
        Kind.Boolean => value is "true" or "false" or "True" or "False",
        Kind.DateTime => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
        Kind.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        Kind.Uuid => Guid.TryParse(value, out _),
        _ => true,
    };

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Int32 => "a whole number (32-bit)",
        Kind.Int64 => "a whole number",
        Kind.Number => "a finite number",
        Kind.Boolean => "true or false",
        Kind.DateTime => "an RFC 3339 date-time",
        Kind.Date => "a date (YYYY-MM-DD)",
        Kind.Uuid => "a UUID",
        _ => "text",
    };

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
