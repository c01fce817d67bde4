using System.Text.Json.Serialization;

namespace DataHub.Api.Http;

/// <summary>RFC 9457 problem details as the hub writes them: status, title, detail and per-item errors.</summary>
public sealed record Problem(
    string Type,
    string Title,
    int Status,
    string Detail,
    string? Instance = null,
    IReadOnlyList<FieldError>? Errors = null);

/// <summary>The problem responses the hub gives; every handler answers errors through these.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";
    private const string TypeBase = "https://datahub.example.nl/problems/";

    public static ProblemResult BadRequest(string detail, IReadOnlyList<FieldError>? errors = null) =>
        new(new Problem(TypeBase + "invalid-input", "Invalid input", 400, detail, null, errors));

    public static ProblemResult Validation(IReadOnlyList<FieldError> errors, string? what = null) =>
        BadRequest(Summarise(errors, what), errors);

    public static ProblemResult NotFound(string detail) => new(new Problem(TypeBase + "not-found", "Not found", 404, detail));
    public static ProblemResult Conflict(string detail) => new(new Problem(TypeBase + "conflict", "Conflict", 409, detail));
    public static ProblemResult Forbidden(string detail) => new(new Problem(TypeBase + "forbidden", "Forbidden", 403, detail));
    public static ProblemResult Unauthorized(string detail) => new(new Problem(TypeBase + "unauthorized", "Unauthorized", 401, detail));
    public static ProblemResult InvalidCredentials(string detail) =>
        new(new Problem(TypeBase + "invalid-token", "Unauthorized", 401, detail + " Send no Authorization header to read as anonymous, or a valid token."));
    public static ProblemResult PreconditionFailed(string detail) => new(new Problem(TypeBase + "precondition-failed", "Precondition failed", 412, detail));
    public static ProblemResult PreconditionRequired(string detail) => new(new Problem(TypeBase + "precondition-required", "Precondition required", 428, detail));
    public static ProblemResult TooLarge(string detail) => new(new Problem(TypeBase + "payload-too-large", "Payload too large", 413, detail));
    public static ProblemResult NotAcceptable(string detail) => new(new Problem(TypeBase + "not-acceptable", "Not acceptable", 406, detail));
    public static ProblemResult UnsupportedMediaType(string detail) => new(new Problem(TypeBase + "unsupported-media-type", "Unsupported media type", 415, detail));

    private static string Summarise(IReadOnlyList<FieldError> errors, string? what)
    {
        if (errors.Count == 0) return what ?? "The request is not valid.";
        var first = errors[0];
        var where = first.Row is { } row ? $"row {row}: " : first.Index is { } i ? $"feature {i}: " : "";
        var at = first.Parameter ?? first.Pointer;
        var head = $"{where}{(at.Length > 0 ? at + ": " : "")}{first.Message}";
        return errors.Count == 1
            ? $"{what ?? "The request is not valid"}: {head}."
            : $"{what ?? "The request is not valid"}: {errors.Count} errors, the first: {head}.";
    }
}

/// <summary>Writes a <see cref="Problem"/> through ASP.NET Core's problem details service (<see cref="ProblemPipeline"/>).</summary>
public sealed class ProblemResult(Problem problem) : IResult, IStatusCodeHttpResult
{
    public Problem Problem => problem;
    public int? StatusCode => problem.Status;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = problem.Status;
        return ProblemPipeline.WriteAsync(http, ToDetails(problem));
    }

    /// <summary>The problem as ASP.NET Core's <see cref="Microsoft.AspNetCore.Mvc.ProblemDetails"/>, its per-item errors as the <c>errors</c> extension.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails ToDetails(Problem problem)
    {
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Type = problem.Type, Title = problem.Title, Status = problem.Status, Detail = problem.Detail, Instance = problem.Instance,
        };
        if (problem.Errors is { } errors) details.Extensions["errors"] = JsonSerializer.SerializeToElement(errors, Json);
        return details;
    }
}
