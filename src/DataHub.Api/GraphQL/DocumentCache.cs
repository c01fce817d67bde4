using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace DataHub.Api.GraphQL;

/// <summary>
/// Parsed and validated documents, kept by their text, so that a client's repeated query is neither parsed nor
/// validated again. A document is kept only after it passed validation; on a hit only the rules that depend on the
/// request run: the complexity analyser, which reads the variables, and <see cref="IntrospectionRule"/>, which reads
/// the caller (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>). Bounded by the total length of the
/// documents kept (<see cref="GraphQLOptions.DocumentCacheCharacters"/>); 0 turns it off.
/// Written here because GraphQL.MemoryCache, the library's own cache, is not served: this is its rule over
/// ASP.NET Core's <see cref="MemoryCache"/>.
/// </summary>
public sealed class DocumentCache(GraphQLOptions options) : IConfigureExecution, IDisposable
{
    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.DocumentCacheCharacters) });

    /// <summary>After the validation rules are registered (they fill both rule lists), as the library's cache.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        if (options.DocumentCacheCharacters <= 0 || execution.Document is not null || execution.Query is not { } query)
            return await next(execution);
        var kept = _documents.TryGetValue<GraphQLDocument>(query, out var document);
        if (kept)
        {
            execution.Document = document;
            // The complexity analyser is not among the rules for kept documents, but the cost depends on the variables (first: $n).
            execution.ValidationRules = [.. execution.CachedDocumentValidationRules ?? [],
                .. (execution.ValidationRules ?? []).OfType<global::GraphQL.Validation.Rules.Custom.ComplexityValidationRule>()];
        }
        var result = await next(execution);
        // Executed: it passed validation (a document that failed is parsed again next time, and fails again).
        if (!kept && result.Executed && result.Document is { } valid && query.Length <= options.DocumentCacheCharacters / 10)
            _documents.Set(query, valid, new MemoryCacheEntryOptions { Size = query.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        return result;
    }

    public void Dispose() => _documents.Dispose();
}
