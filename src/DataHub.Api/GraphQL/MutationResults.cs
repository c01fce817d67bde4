using GraphQL;
using GraphQL.Types;

namespace DataHub.Api.GraphQL;

/// <summary>A mutation's outcome: the operation's answer as REST gives it (also as its typed record), or its problem as typed errors.</summary>
public sealed record MutationResult(bool Ok, int Status, string? Etag, string? Id, JsonElement? Result, string? Problem, IReadOnlyList<UserError> Errors, object? Record = null);

/// <summary>One thing wrong with the input: where (JSON pointer into the input, or argument), what (code), and why.</summary>
public sealed record UserError(string? Pointer, string? Argument, int? Index, string Code, string Message);

/// <summary>What a write that answers without a record (a retire, a revoke) did.</summary>
public sealed class MutationResultGraphType : ObjectGraphType<MutationResult>
{
    public MutationResultGraphType()
    {
        Name = "MutationResult";
        Description = "What a write did: ok with its ETag, or the errors — every one, with where and why; nothing is stored then.";
        AddFields(this);
    }

    internal static void AddFields(ObjectGraphType<MutationResult> type)
    {
        type.Field<NonNullGraphType<BooleanGraphType>>("ok").Description("Whether the write was done").Resolve(c => c.Source.Ok);
        type.Field<NonNullGraphType<IntGraphType>>("status").Description("REST's HTTP status for the same write").Resolve(c => c.Source.Status);
        type.Field<StringGraphType>("etag").Description("The ETag of the version written (the next ifMatch)").Resolve(c => c.Source.Etag);
        type.Field<StringGraphType>("id").Description("The id of the record written").Resolve(c => c.Source.Id);
        type.Field<JsonGraphType>("result").Description("The answer as REST returns it (JSON)").Resolve(c => c.Source.Result);
        type.Field<StringGraphType>("problem").Description("What went wrong, in a sentence").Resolve(c => c.Source.Problem);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutoRegisteringObjectGraphType<UserError>>>>>("errors")
            .Description("Every error: JSON pointer into the input (or the argument), the item's index in a bulk input, code and message").Resolve(c => c.Source.Errors);
    }
}

/// <summary>What a write did, with the record it stored typed as the graph's own type of it (its nested fields resolve as in queries).</summary>
public sealed class MutationResultGraphType<TRecord> : ObjectGraphType<MutationResult> where TRecord : IGraphType
{
    public MutationResultGraphType()
    {
        var record = typeof(TRecord).IsGenericType ? typeof(TRecord).GetGenericArguments()[0].Name : typeof(TRecord).Name.Replace("GraphType", "", StringComparison.Ordinal);
        Name = record.Replace("Response", "", StringComparison.Ordinal) + "MutationResult";
        Description = "What a write did: ok with the stored record (typed in record, as REST returns it in result) and its ETag, or the errors — every one, with where and why; nothing is stored then.";
        MutationResultGraphType.AddFields(this);
        Field<TRecord>("record").Description("The stored record (null when the write failed)").Resolve(c => c.Source.Record);
    }
}

/// <summary>An operation's outcome as a mutation's result: the record (typed, and as REST writes it in result) and its ETag, or the problem as typed errors.</summary>
public static class MutationResults
{
    public static MutationResult Done(int status, string? etag, string? id, object? record) =>
        new(true, status, etag, id, record is null ? null : JsonSerializer.SerializeToElement(record, record.GetType(), GeoJson.Options), null, [], record);

    public static MutationResult Refused(Problem problem)
    {
        var errors = problem.Errors?.Select(e => new UserError(e.Pointer.Length > 0 ? e.Pointer : null, e.Parameter, e.Index, e.Code, e.Message)).ToList() ?? [];
        if (errors.Count == 0) errors.Add(new UserError(null, null, null, problem.Type.Split('/')[^1], problem.Detail));
        return new MutationResult(false, problem.Status, null, null, null, problem.Detail, errors);
    }

    /// <summary>
    /// Runs a write operation as the caller, in a request scope of its own: its problem as typed errors, or its result
    /// as <paramref name="done"/> maps it. Every mutation goes through here.
    /// </summary>
    public static Task<MutationResult> WriteAsync<T>(this IResolveFieldContext c, Func<IServiceProvider, AccessScope, Task<Outcome<T>>> write,
        Func<T, MutationResult> done) => c.InOwnScopeAsync(async services =>
    {
        var scope = await services.GetRequiredService<AccessScopes>().CurrentAsync(c.CancellationToken);
        var outcome = await write(services, scope);
        return outcome.Problem is { } problem ? Refused(problem) : done(outcome.Value!);
    });

    /// <summary>The CRS of the input's geometries from the <c>contentCrs</c> argument (CRS84 when absent), as REST reads Content-Crs.</summary>
    public static Outcome<Spatial.Crs> ContentCrs(this IResolveFieldContext c)
    {
        var (crs, problem) = RequestBody.CrsParameter(c.GetArgument<string?>("contentCrs"), "contentCrs");
        return problem is not null ? problem : crs!;
    }

    /// <summary>The <c>input</c> argument read as REST reads a body: the value, or every error with its pointer.</summary>
    public static Outcome<T> Input<T>(this IResolveFieldContext c, Func<JsonElement, ErrorCollector, T?> read, string invalid) where T : class
    {
        var errors = new ErrorCollector();
        return read(c.GetArgument<JsonElement>("input"), errors) is { } value ? value : Problems.Validation(errors.Errors, invalid);
    }

    /// <summary>The <c>ifMatch</c> argument: the ETag of the version being replaced, as REST's If-Match.</summary>
    public static string? IfMatch(this IResolveFieldContext c) => c.GetArgument<string?>("ifMatch");

    /// <summary>Runs a write in a request scope of its own (a unit of work: what one mutation leaves in its context cannot leak into the next), audited as GraphQL.</summary>
    public static async Task<MutationResult> InOwnScopeAsync(this IResolveFieldContext c, Func<IServiceProvider, Task<MutationResult>> write)
    {
        await using var scope = c.Http().RequestServices.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Features.Audit.AuditTrail>().Surface = Features.Audit.AuditTrail.GraphQL;
        return await write(scope.ServiceProvider);
    }
}

/// <summary>An operation's outcome as a query field's value: its result, or its problem as a typed error (null for one not found where the field is nullable).</summary>
public static class Answers
{
    public static T? Of<T>(Outcome<T> outcome, bool nullWhenNotFound = false) => outcome.Problem switch
    {
        null => outcome.Value,
        { Status: 404 } when nullWhenNotFound => default,
        { Errors.Count: > 0 } p => throw Resolve.Invalid(p.Errors!, p.Detail),
        var p => throw new ExecutionError(p.Detail) { Code = p.Type.Split('/')[^1] },
    };

    /// <summary>A problem alone as a field's value: null where not found allows it, else the typed error.</summary>
    public static T? Of<T>(Problem problem, bool nullWhenNotFound = false) => Of<T>((Outcome<T>)problem, nullWhenNotFound);
}
