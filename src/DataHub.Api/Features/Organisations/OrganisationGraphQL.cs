using DataHub.Api.Features.Developments;
using DataHub.Api.GraphQL;
using DataHub.Api.Spatial;
using GraphQL;
using GraphQL.Types;

namespace DataHub.Api.Features.Organisations;

/// <summary>Who is asking.</summary>
public sealed record Me(string? Organisation, string? OrganisationType, IReadOnlyList<string> Roles, bool Authenticated);

/// <summary>A CBS area (municipality, RES region, province) with the developments the caller may see in it.</summary>
public sealed class AreaGraphType : ObjectGraphType<AreaInfo>
{
    public AreaGraphType(GraphQLOptions options)
    {
        Name = "Area";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("kind").Resolve(c => c.Source.Kind switch { AreaKind.Municipality => "municipality", AreaKind.Province => "province", _ => "resRegion" });
        Field<StringGraphType>("provinceCode").Resolve(c => c.Source.ProvinceCode);
        Field<StringGraphType>("resRegionCode").Resolve(c => c.Source.ResRegionCode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AreaGraphType>>>>("municipalities").Description("The municipalities in a province or RES region")
            .Resolve(c => AreaCatalogue.Instance.Municipalities.Where(m => c.Source.Kind == AreaKind.Province ? m.ProvinceCode == c.Source.Code
                : c.Source.Kind == AreaKind.ResRegion && m.ResRegionCode == c.Source.Code).OrderBy(m => m.Code, StringComparer.Ordinal).ToList());
        Field<NonNullGraphType<GeoJsonGraphType>>("boundary").Argument<StringGraphType>("crs", "CRS84 (default), EPSG:28992 or EPSG:4258")
            .Resolve(c => CrsTransform.FromCrs84(DevelopmentGraphQL.CrsOf(c), c.Source.Boundary));
        DevelopmentGraphQL.AddConnection(this, "developments", "The developments in this area the caller may see (the area's code as the REST filter)", options,
            c => new() { [((AreaInfo)c.Source!).Kind switch { AreaKind.Municipality => "municipality", AreaKind.Province => "province", _ => "resRegion" }] = ((AreaInfo)c.Source!).Code });
    }
}

public static class OrganisationGraphQL
{
    public static void AddQueries(ObjectGraphType query, GraphQLOptions options)
    {
        query.Field<NonNullGraphType<AutoRegisteringObjectGraphType<Me>>>("me").Description("The caller: organisation, its type and roles")
            .ResolveAsync(async c =>
            {
                var scope = await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken);
                return new Me(scope.Organisation, scope.OrganisationType, [.. scope.Caller.Roles.Order(StringComparer.Ordinal)], scope.Organisation is not null);
            });
        query.Field<NonNullGraphType<ConnectionGraphType<AutoRegisteringObjectGraphType<OrganisationResponse>>>>("organisations")
            .Description("The registered organisations, by code").PageArguments(options).Argument<StringGraphType>("type", string.Join(", ", OrganisationTypes.All))
            .ResolveAsync(async c =>
            {
                c.First(options);
                var list = Answers.Of(await c.Service<OrganisationReads>().ListAsync(c.GetArgument<string?>("type"), c.CancellationToken))!;
                return Connections.Page(c, options, list.Items);
            });
        query.Field<NonNullGraphType<ConnectionGraphType<AreaGraphType>>>("areas").Description("CBS areas (public), by code").PageArguments(options)
            .Argument<StringGraphType>("kind", "municipality, resRegion or province").Argument<StringGraphType>("province", "the areas in this province")
            .Resolve(c =>
            {
                c.First(options);
                return Connections.Page(c, options, Answers.Of(c.Service<Areas.AreaReads>().List(c.GetArgument<string?>("kind"), c.GetArgument<string?>("province")))!);
            });
        query.Field<AreaGraphType>("area").Argument<NonNullGraphType<StringGraphType>>("code")
            .Resolve(c => Answers.Of(c.Service<Areas.AreaReads>().Get(c.GetArgument<string>("code")), nullWhenNotFound: true));
    }
}
