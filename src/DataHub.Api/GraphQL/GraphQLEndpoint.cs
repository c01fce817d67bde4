using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace DataHub.Api.GraphQL;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP draft), written by hand because GraphQL.Server is not served here:
/// <c>POST</c> with a JSON body (one request, or an array: a batch of at most <see cref="GraphQLOptions.MaxBatch"/>),
/// <c>GET</c> with query, variables and operationName in the query string (queries only: a mutation over GET is 405).
/// Answers <c>application/graphql-response+json</c> (with 4xx for requests that never executed) or, for clients that
/// accept only <c>application/json</c>, that with 200. Each operation takes a token of the caller's rate limit, and
/// runs under a timeout.
/// </summary>
public static class GraphQLEndpoint
{
    public const string ResponseType = "application/graphql-response+json";

    public static IEndpointRouteBuilder MapDataHubGraphQL(this RouteGroupBuilder api)
    {
        api.MapPost("/graphql", Post).ExcludeFromDescription();
        api.MapGet("/graphql", Get).ExcludeFromDescription();
        return api;
    }

    private static async Task Post(HttpContext http, GraphQLOptions options, IGraphQLTextSerializer serializer)
    {
        var (mediaType, mediaProblem) = RequestBody.MediaType(http.Request, "application/json", "application/graphql+json");
        if (mediaProblem is not null) { await mediaProblem.ExecuteAsync(http); return; }
        var (bytes, problem) = await RequestBody.ReadAsync(http.Request, options.MaxDocumentBytes * (long)options.MaxBatch, http.RequestAborted);
        if (problem is not null) { await problem.ExecuteAsync(http); return; }
        List<GraphQLRequest?> requests;
        bool batch;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            batch = doc.RootElement.ValueKind == JsonValueKind.Array;
            requests = batch ? [.. serializer.Deserialize<GraphQLRequest?[]>(System.Text.Encoding.UTF8.GetString(bytes!)) ?? []]
                : [serializer.Deserialize<GraphQLRequest>(System.Text.Encoding.UTF8.GetString(bytes!))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            await Problems.BadRequest($"The body is not a GraphQL request: {e.Message}").ExecuteAsync(http);
            return;
        }
        if (requests.Count == 0) { await Problems.BadRequest("The batch is empty.").ExecuteAsync(http); return; }
        if (requests.Count > options.MaxBatch)
        {
            await Problems.BadRequest($"A batch holds at most {options.MaxBatch} operations; this one has {requests.Count}.").ExecuteAsync(http);
            return;
        }
        await RunAsync(http, options, serializer, requests, batch, isGet: false);
    }

    /// <summary>A GraphQL request over GET (GraphQL over HTTP): the document, its variables and operation as query parameters.</summary>
    private sealed record GetQuery(
        [property: FromQuery(Name = "query"), Description("the GraphQL document")] string? Query,
        [property: FromQuery(Name = "variables"), Description("the variables, as JSON")] string? Variables,
        [property: FromQuery(Name = "operationName"), Description("which operation of the document to run")] string? OperationName,
        [property: FromQuery(Name = "extensions"), Description("GraphQL request extensions, as JSON")] string? Extensions);

    private static async Task Get([AsParameters] GetQuery q, HttpContext http, GraphQLOptions options, IGraphQLTextSerializer serializer)
    {
        if (RequestBody.HasNul(q.Query ?? "") || RequestBody.HasNul(q.Variables ?? ""))
        {
            await RequestBody.NulProblem("query").ExecuteAsync(http);
            return;
        }
        Inputs? variables = null;
        if (q.Variables is { Length: > 0 } v)
        {
            try { variables = serializer.Deserialize<Inputs>(v); }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                await Problems.BadRequest($"variables is not a JSON object: {e.Message}").ExecuteAsync(http);
                return;
            }
        }
        var request = new GraphQLRequest { Query = q.Query ?? "", OperationName = q.OperationName is { Length: > 0 } n ? n : null, Variables = variables };
        await RunAsync(http, options, serializer, [request], batch: false, isGet: true);
    }

    private static async Task RunAsync(HttpContext http, GraphQLOptions options, IGraphQLTextSerializer serializer, List<GraphQLRequest?> requests, bool batch, bool isGet)
    {
        var accept = http.Request.Headers.Accept.ToString();
        var legacy = accept.Length > 0 && !accept.Contains(ResponseType, StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("*/*", StringComparison.Ordinal) && accept.Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (accept.Length > 0 && !legacy && !accept.Contains(ResponseType, StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal)
            && !accept.Contains("application/*", StringComparison.OrdinalIgnoreCase))
        {
            await Problems.NotAcceptable($"Ask for {ResponseType} or application/json.").ExecuteAsync(http);
            return;
        }
        // The request's own token was taken by the rate limiter; every further operation of a batch takes one more.
        if (requests.Count > 1 && http.RequestServices.GetService<DataHubRateLimiter>() is { } limiter
            && await limiter.TryTakeAsync(http, requests.Count - 1) is { } reject)
        {
            await reject();
            return;
        }
        if (isGet && requests[0] is { Query: { Length: > 0 } query } && IsMutation(query, requests[0]!.OperationName))
        {
            http.Response.Headers.Allow = "POST";
            await new ProblemResult(new Problem("https://datahub.example.nl/problems/method-not-allowed", "Method not allowed", 405,
                "A mutation is sent with POST; GET carries queries only.")).ExecuteAsync(http);
            return;
        }
        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<DataHubSchema>>();
        var audit = http.RequestServices.GetRequiredService<Features.Audit.AuditTrail>();
        audit.Surface = Features.Audit.AuditTrail.GraphQL;
        audit.GatherReads(); // one audit event per owner and kind of read per operation, not one per field
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var results = new List<ExecutionResult>();
        foreach (var request in requests)
        {
            if (request is null || string.IsNullOrWhiteSpace(request.Query))
            {
                results.Add(new ExecutionResult { Errors = [new ExecutionError("The request has no query.") { Code = "noQuery" }] });
                continue;
            }
            if (results.Count > 0)
            {
                // Each further operation of a batch starts afresh: an earlier one may have written (a record, an agreement).
                http.RequestServices.GetRequiredService<BatchLoaders>().Reset();
                http.RequestServices.GetRequiredService<Access.AccessScopes>().Forget();
            }
            try
            {
                results.Add(await executer.ExecuteAsync(o =>
                {
                    o.Query = request.Query;
                    o.Variables = request.Variables;
                    o.Extensions = request.Extensions;
                    o.OperationName = request.OperationName;
                    o.RequestServices = http.RequestServices;
                    o.User = http.User;
                    o.CancellationToken = timeout.Token;
                }));
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
            {
                results.Add(new ExecutionResult { Errors = [new ExecutionError($"The request ran longer than {options.TimeoutSeconds} s and was stopped.") { Code = "timeout" }] });
            }
            finally
            {
                await audit.FlushReadsAsync();
            }
        }
        http.Response.ContentType = (legacy ? "application/json" : ResponseType) + "; charset=utf-8";
        // graphql-response+json: a single request that never executed (syntax or validation) is a client error; one
        // stopped at its time limit is the server's.
        if (!legacy && !batch && !results[0].Executed)
            http.Response.StatusCode = results[0].Errors?.Any(e => e.Code == "timeout") == true ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
        if (batch) await serializer.WriteAsync(http.Response.Body, results, http.RequestAborted);
        else await serializer.WriteAsync(http.Response.Body, results[0], http.RequestAborted);
    }

    private static bool IsMutation(string query, string? operationName)
    {
        try
        {
            var document = GraphQLParser.Parser.Parse(query);
            var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
            var operation = operationName is null ? operations.FirstOrDefault() : operations.FirstOrDefault(o => o.Name?.Value == operationName);
            return operation?.Operation == OperationType.Mutation;
        }
        catch (Exception e) when (e is GraphQLParser.Exceptions.GraphQLSyntaxErrorException or GraphQLParser.Exceptions.GraphQLMaxDepthExceededException)
        {
            return false; // the executor reports the syntax error or the depth
        }
    }
}
