using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace DataHub.Api.GraphQL;

/// <summary>The cost limits of the GraphQL endpoint (DataHub:GraphQL).</summary>
public sealed class GraphQLOptions
{
    public const string Section = "DataHub:GraphQL";
    /// <summary>The deepest a selection may nest.</summary>
    public int MaxDepth { get; set; } = 15; // the standard introspection query is 15 deep
    /// <summary>The most a document may cost (every field 1, list fields multiplied by their page size).</summary>
    public int MaxComplexity { get; set; } = 50_000;
    /// <summary>What a top-level query or mutation field adds to the cost (it is at least one database round trip).</summary>
    public int RootFieldCost { get; set; } = 20;
    /// <summary>The largest page a connection returns (<c>first</c>).</summary>
    public int MaxPageSize { get; set; } = 500;
    public int DefaultPageSize { get; set; } = 50;
    /// <summary>How long one request may run before it is cancelled with an error.</summary>
    public int TimeoutSeconds { get; set; } = 15;
    /// <summary>The most operations one batched request may carry.</summary>
    public int MaxBatch { get; set; } = 10;
    /// <summary>The largest request document, in bytes.</summary>
    public int MaxDocumentBytes { get; set; } = 64 * 1024;
    /// <summary>Whether anonymous callers may introspect the schema (authenticated callers always may).</summary>
    public bool AnonymousIntrospection { get; set; } = true;
    /// <summary>The total length of the parsed and validated documents kept for reuse (<see cref="DocumentCache"/>); 0: none kept.</summary>
    public int DocumentCacheCharacters { get; set; } = 1_000_000;
}

public static class GraphQLSetup
{
    public static IServiceCollection AddDataHubGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(GraphQLOptions.Section).Get<GraphQLOptions>() ?? new GraphQLOptions();
        services.AddSingleton(options);
        services.AddScoped<BatchLoaders>();
        services.AddGraphQL(b => b
            .AddSchema<DataHubSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(DataHubSchema).Assembly)
            .AddAutoClrMappings(mapInputTypes: false, mapOutputTypes: true)
            // One DbContext per request: fields resolve one after the other (batching keeps round trips down).
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddComplexityAnalyzer(c =>
            {
                c.MaxDepth = options.MaxDepth;
                c.MaxComplexity = options.MaxComplexity;
                // Introspection reads the schema, not data: it costs nothing (its depth still counts).
                var standard = c.DefaultComplexityImpactDelegate;
                // A top-level field is at least one database round trip: it costs RootFieldCost, so that thousands of aliased
                // top-level fields (each cheap alone) exceed the limit instead of running thousands of queries.
                c.DefaultComplexityImpactDelegate = f =>
                {
                    if (f.ParentType.Name.StartsWith("__", StringComparison.Ordinal) || f.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal))
                        return new(0, 1);
                    var impact = standard(f);
                    return f.ParentType.Name is "Query" or "Mutation" ? impact with { FieldImpact = impact.FieldImpact + options.RootFieldCost } : impact;
                };
            })
            .AddValidationRule<IntrospectionRule>(useForCachedDocuments: true) // it reads the caller, who differs per request
            .ConfigureExecution<DocumentCache>()
            .AddErrorInfoProvider(e => e.ExposeExceptionDetails = false));
        return services;
    }
}

/// <summary>Introspection for authenticated callers; for anonymous ones only when DataHub:GraphQL:AnonymousIntrospection is on.</summary>
public sealed class IntrospectionRule(GraphQLOptions options) : global::GraphQL.Validation.ValidationRuleBase
{
    public override ValueTask<global::GraphQL.Validation.INodeVisitor?> GetPreNodeVisitorAsync(global::GraphQL.Validation.ValidationContext context)
    {
        if (options.AnonymousIntrospection || Caller.From(context.User ?? new System.Security.Claims.ClaimsPrincipal()).IsAuthenticated)
            return default;
        return new(new global::GraphQL.Validation.MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (field.Name.StringValue is "__schema" or "__type")
                ctx.ReportError(new global::GraphQL.Validation.ValidationError(ctx.Document.Source, "introspectionDisabled",
                    "Introspection is open to signed-in callers only.", field));
        }));
    }
}
