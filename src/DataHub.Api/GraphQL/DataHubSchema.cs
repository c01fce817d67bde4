using GraphQL;
using GraphQL.Types;
using NetTopologySuite.Geometries;

namespace DataHub.Api.GraphQL;

/// <summary>
/// The one graph over what the hub holds. Each feature adds its fields to the roots from its own folder
/// (<c>Features/&lt;Noun&gt;/&lt;Noun&gt;GraphQL.cs</c>); reads and writes call the same operations as REST
/// (<see cref="OperationQueries"/>, <see cref="MutationFields"/>), under the same access policy.
/// </summary>
public sealed class DataHubSchema : Schema
{
    public DataHubSchema(IServiceProvider services, DataHubQuery query, DataHubMutation mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "DataHub: developments, grid capacity and the pMIEK, under the data owners' sharing agreements.";
        RegisterTypeMapping(typeof(Geometry), typeof(GeoJsonGraphType));
        RegisterTypeMapping(typeof(System.Text.Json.JsonElement), typeof(JsonGraphType));
        // Maps keyed by code (load by sector, counts by sector) travel as JSON objects.
        RegisterTypeMapping(typeof(IReadOnlyDictionary<string, double>), typeof(JsonGraphType));
        RegisterTypeMapping(typeof(IReadOnlyDictionary<string, int>), typeof(JsonGraphType));
        RegisterTypeMapping(typeof(Dictionary<string, double>), typeof(JsonGraphType));
        RegisterTypeMapping(typeof(Dictionary<string, int>), typeof(JsonGraphType));
        RegisterTypeMapping(typeof(IReadOnlyDictionary<string, int?>), typeof(JsonGraphType));
        RegisterTypeMapping(typeof(IReadOnlyDictionary<string, double?>), typeof(JsonGraphType));
    }
}

public sealed class DataHubQuery : ObjectGraphType
{
    public DataHubQuery(GraphQLOptions options)
    {
        Name = "Query";
        Features.Organisations.OrganisationGraphQL.AddQueries(this, options);
        Features.Developments.DevelopmentGraphQL.AddQueries(this, options);
        Features.Grid.GridGraphQL.AddQueries(this, options);
        Features.Programme.ProgrammeGraphQL.AddQueries(this, options);
        Features.Changes.ChangeGraphQL.AddQueries(this);
        OperationQueries.AddAll(this, options);
    }
}

public sealed class DataHubMutation : ObjectGraphType
{
    public DataHubMutation()
    {
        Name = "Mutation";
        MutationFields.AddAll(this);
    }
}

/// <summary>Small helpers for resolvers.</summary>
public static class Resolve
{
    public static T Service<T>(this IResolveFieldContext c) where T : notnull => c.RequestServices!.GetRequiredService<T>();

    public static HttpContext Http(this IResolveFieldContext c) => c.Service<IHttpContextAccessor>().HttpContext!;

    /// <summary>
    /// The moment the nearest enclosing field was asked at (<c>miekProjects(asOf: …)</c>, <c>miekProject(id, asOf)</c>),
    /// so that what hangs off a record answers at the same moment as the record; null: now. A future moment is
    /// refused as REST refuses it (<see cref="Operations.AsOf"/>).
    /// </summary>
    public static DateTime? AsOf(this IResolveFieldContext c)
    {
        for (IResolveFieldContext? p = c; p is not null; p = p.Parent)
            if (p.Arguments?.TryGetValue("asOf", out var a) == true)
            {
                DateTime? at = a.Value switch { DateTime t => t.ToUniversalTime(), DateTimeOffset t => t.UtcDateTime, _ => null };
                if (at is null) continue;
                if (Operations.AsOf.Check(at, c.Service<TimeProvider>()) is { } error)
                    throw Resolve.Invalid([error]);
                return at;
            }
        return null;
    }

    /// <summary>Arguments as a REST query string, so that a list is filtered by REST's own parser and answers the same.</summary>
    public static Microsoft.AspNetCore.Http.QueryCollection AsQuery(this IResolveFieldContext c, params string[] names)
    {
        var values = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(StringComparer.Ordinal);
        foreach (var name in names)
            if (c.Arguments?.TryGetValue(name, out var a) == true && a.Value is { } v)
                values[name] = v switch
                {
                    DateTime d => d.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    DateTimeOffset d => d.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    System.Collections.IEnumerable list when v is not string => string.Join(",", list.Cast<object>()),
                    bool b => b ? "true" : "false",
                    IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                    _ => v.ToString() ?? "",
                };
        return new Microsoft.AspNetCore.Http.QueryCollection(values);
    }

    /// <summary>A REST problem's field errors as GraphQL errors, each with its code and parameter or pointer.</summary>
    public static ExecutionError Invalid(IEnumerable<Http.FieldError> errors, string message = "The arguments are not valid")
    {
        var list = errors.ToList();
        var e = new ExecutionError($"{message}: {string.Join("; ", list.Select(x => $"{x.Parameter ?? x.Pointer}: {x.Message}"))}") { Code = list.FirstOrDefault()?.Code ?? "invalid" };
        e.Extensions ??= new Dictionary<string, object?>();
        e.Extensions["errors"] = list.Select(x => new Dictionary<string, object?> { ["argument"] = x.Parameter, ["pointer"] = x.Pointer, ["code"] = x.Code, ["message"] = x.Message }).ToList();
        return e;
    }
}
