using System.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DataHub.Api.Http;

/// <summary>A request header of an operation, declared next to its Map… line for the OpenAPI document (query parameters come from the binding: [AsParameters] records).</summary>
public sealed record ParameterDoc(string Name, ParameterLocation In, string Description, JsonSchemaType Type = JsonSchemaType.String, string? Format = null);

public static class OpenApiSetup
{
    public const string DocumentName = "openapi";
    public const string DocsPath = "/api/v1/docs";

    public static RouteHandlerBuilder WithHeader(this RouteHandlerBuilder b, string name, string description) =>
        b.WithMetadata(new ParameterDoc(name, ParameterLocation.Header, description));

    public static IServiceCollection AddDataHubOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "DataHub API",
                Version = HttpPipeline.ApiVersion,
                Description = "Data exchange hub for integraal programmeren of energy infrastructure: developments in time and place, " +
                              "grid capacity and the pMIEK. Dutch API Design Rules 2.x with the geospatial module.",
                Contact = new OpenApiContact { Name = "DataHub team", Email = "datahub@example.nl", Url = new Uri("https://datahub.example.nl") },
                License = new OpenApiLicense { Name = "EUPL-1.2", Url = new Uri("https://eupl.eu/1.2/en/") },
            });
            o.AddServer(new OpenApiServer { Url = "/api/v1", Description = "this hub" });
            o.CustomSchemaIds(t => t.Name);
            o.SupportNonNullableReferenceTypes();
            o.MapType<NetTopologySuite.Geometries.Geometry>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "A GeoJSON geometry (RFC 7946): Point, LineString, Polygon or MultiPolygon, in the CRS of Content-Crs.",
                Required = new HashSet<string> { "type", "coordinates" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [ "Point", "LineString", "Polygon", "MultiPolygon" ] },
                    ["coordinates"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema() },
                },
            });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A token of the hub's issuer (local: the token command; production: Entra ID).",
            });
            o.OperationFilter<DataHubOperationFilter>();
            o.DocumentFilter<ServerRelativePaths>();
        });
        return services;
    }

    public static WebApplication MapDataHubOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "api/v1/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = DocsPath.TrimStart('/');
            o.SwaggerEndpoint($"/api/v1/{DocumentName}.json", "DataHub API v1");
            o.DocumentTitle = "DataHub API";
            o.InjectStylesheet("datahub-docs.css");
            o.InjectJavascript("datahub-docs.js");
        });
        // The page's own additions, self-hosted so that its content security policy allows nothing but this hub.
        foreach (var (file, type) in new[] { ("datahub-docs.css", "text/css"), ("datahub-docs.js", "text/javascript") })
        {
            var bytes = DocsAsset(file);
            app.MapGet($"{DocsPath}/{file}", () => Results.Bytes(bytes, type)).ExcludeFromDescription();
        }
        return app;
    }

    private static byte[] DocsAsset(string file)
    {
        using var stream = typeof(OpenApiSetup).Assembly.GetManifestResourceStream($"DataHub.Api.Resources.docs.{file}")
            ?? throw new InvalidOperationException($"missing embedded resource {file}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Declared parameters, API-Version on every success, 400 problems where input can be wrong.</summary>
    private sealed class DataHubOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            operation.Parameters ??= [];
            // Parameters bound from a query record ([AsParameters]): the description and format of the property.
            foreach (var bound in context.ApiDescription.ParameterDescriptions)
            {
                if (bound.ParameterDescriptor is not Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor { ParameterInfo: var info }) continue;
                if (operation.Parameters.FirstOrDefault(x => x.Name == bound.Name) is not OpenApiParameter parameter) continue;
                if (info.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>() is { } description) parameter.Description = description.Description;
                if (parameter.Schema is OpenApiSchema own) own.Description = null; // said once, on the parameter
                if (info.GetCustomAttribute<System.ComponentModel.DataAnnotations.DataTypeAttribute>()?.DataType is { } dataType && parameter.Schema is OpenApiSchema schema)
                    (schema.Type, schema.Format) = (JsonSchemaType.String, dataType == System.ComponentModel.DataAnnotations.DataType.Date ? "date" : "date-time");
            }
            foreach (var p in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ParameterDoc>())
            {
                if (operation.Parameters.Any(x => x.Name == p.Name && x.In == p.In)) continue;
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = p.Name, In = p.In, Description = p.Description,
                    Schema = new OpenApiSchema { Type = p.Type, Format = p.Format },
                });
            }
            foreach (var (code, response) in operation.Responses ?? [])
            {
                if (!(code.StartsWith('2') || code.StartsWith('3')) || response is not OpenApiResponse r) continue;
                r.Headers ??= new Dictionary<string, IOpenApiHeader>();
                r.Headers["API-Version"] = new OpenApiHeader
                {
                    Description = "The full version of the API contract (semver).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Default = System.Text.Json.Nodes.JsonValue.Create(HttpPipeline.ApiVersion) },
                };
            }
            // Every operation checks its query parameters (unknown ones, wrong types: QueryParameters) and its credentials.
            operation.Responses ??= new OpenApiResponses();
            foreach (var (status, description) in new[] { ("400", "Invalid input: an unknown or malformed parameter, or an invalid body"),
                         ("401", "Credentials were sent that do not validate (without credentials the caller is anonymous)") })
                if (!operation.Responses.ContainsKey(status))
                    operation.Responses[status] = new OpenApiResponse
                    {
                        Description = description,
                        Content = new Dictionary<string, IOpenApiMediaType>
                        {
                            [Problems.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(nameof(Problem), context.Document) },
                        },
                    };
            var writes = context.ApiDescription.HttpMethod is "POST" or "PUT" or "DELETE" or "PATCH";
            if (writes) operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [] }];
        }
    }

    /// <summary>The server URL carries /api/v1 (the ADR wants the major version there), so paths are relative to it.</summary>
    private sealed class ServerRelativePaths : IDocumentFilter
    {
        public void Apply(OpenApiDocument doc, DocumentFilterContext context)
        {
            var paths = new OpenApiPaths();
            foreach (var (path, item) in doc.Paths.OrderBy(p => p.Key, StringComparer.Ordinal))
                paths[path.StartsWith("/api/v1") ? path["/api/v1".Length..] : path] = item;
            doc.Paths = paths;
        }
    }
}
