using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace DataHub.Api.Http;

/// <summary>
/// The hub's problem details (RFC 9457) on ASP.NET Core's own service (<c>AddProblemDetails</c>): every problem it
/// answers goes through <see cref="IProblemDetailsService"/> — an operation's refusal (<see cref="ProblemResult"/>,
/// with its per-item <c>errors[]</c>), a refused role gate, an unhandled exception (<c>UseExceptionHandler</c>, which
/// logs it), and an answer the framework gives without a body under /api (unmatched route, wrong method, a media type
/// an endpoint does not accept: <c>UseStatusCodePages</c>). One customisation gives them the hub's types and details.
/// </summary>
public static class ProblemPipeline
{
    private const string TypeBase = "https://datahub.example.nl/problems/";

    public static IServiceCollection AddDataHubProblems(this IServiceCollection services)
    {
        // Registered before AddProblemDetails' default writer, so that it is the one used: the hub answers
        // problem+json whatever the Accept header asked for (a CSV or GeoJSON client still learns why it failed).
        services.AddSingleton<IProblemDetailsWriter, Writer>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Customise);
        services.AddExceptionHandler<BadInput>();
        return services;
    }

    public static IApplicationBuilder UseDataHubProblems(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        return app;
    }

    public static Task WriteAsync(HttpContext http, ProblemDetails details) =>
        http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details }).AsTask();

    /// <summary>The hub's type, title and detail for problems the framework made (an exception, a status code without a body); the request path as instance.</summary>
    private static void Customise(ProblemDetailsContext context)
    {
        var (http, details) = (context.HttpContext, context.ProblemDetails);
        details.Instance ??= http.Request.Path;
        details.Status ??= http.Response.StatusCode;
        if (details.Type?.StartsWith(TypeBase, StringComparison.Ordinal) == true) return; // one of the hub's own
        var status = details.Status.Value;
        var (slug, title, detail) = context.Exception is not null && status == 500
            ? ("internal", "Internal error", "The hub failed to handle this request; nothing was stored. The error is logged.")
            : status switch
            {
                401 => ("unauthorized", "Unauthorized", "A valid bearer token is required; see README (token command) or your organisation's Entra ID sign-in."),
                403 => ("forbidden", "Forbidden", "Your roles do not allow this."),
                404 => ("not-found", "Not found", $"There is no resource at {http.Request.Path}."),
                405 => ("method-not-allowed", "Method not allowed", $"{http.Request.Method} is not allowed on {http.Request.Path}."),
                415 => ("unsupported-media-type", "Unsupported media type", $"Content-Type '{http.Request.ContentType}' is not accepted on {http.Request.Path}."),
                500 => ("internal", "Internal error", "The hub failed to handle this request; nothing was stored. The error is logged."),
                _ => ("error", ReasonPhrases.GetReasonPhrase(status), $"The request failed with status {status}."),
            };
        (details.Type, details.Title, details.Detail) = (TypeBase + slug, title, detail);
        details.Extensions.Remove("traceId"); // the hub's problems carry what the API documents (Problem), no more
    }

    /// <summary>The framework's own binding or body-reading refusal: bad input (its status, usually 400), not a failure of the hub.</summary>
    private sealed class BadInput(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad) return false;
            http.Response.StatusCode = bad.StatusCode;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Type = TypeBase + "invalid-input", Title = "Invalid input", Status = bad.StatusCode, Detail = bad.Message },
            });
            return true;
        }
    }

    /// <summary>Writes every problem as application/problem+json with the hub's JSON options, after the one customisation.</summary>
    private sealed class Writer(Microsoft.Extensions.Options.IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            options.Value.CustomizeProblemDetails?.Invoke(context);
            var http = context.HttpContext;
            http.Response.ContentType = Problems.ContentType;
            return new ValueTask(http.Response.WriteAsync(JsonSerializer.Serialize(context.ProblemDetails, ProblemResult.Json), http.RequestAborted));
        }
    }
}
