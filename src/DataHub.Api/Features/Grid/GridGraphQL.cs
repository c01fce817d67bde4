using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.GraphQL;
using DataHub.Api.Spatial;
using GraphQL;
using GraphQL.Types;

namespace DataHub.Api.Features.Grid;

public sealed class EnergyAreaGraphType : ObjectGraphType<EnergyAreaVersion>
{
    public EnergyAreaGraphType(GraphQLOptions options)
    {
        Name = "EnergyArea";
        Description = "A grid operator's energy area (or a TSO congestion area) with its capacity per year, works and stations. Asked asOf a moment, its stations, developments, loads and bottlenecks answer at that moment too.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.AreaId);
        Field<NonNullGraphType<StringGraphType>>("operator").Resolve(c => c.Source.OperatorCode);
        Field<NonNullGraphType<StringGraphType>>("shortCode").Resolve(c => c.Source.ShortCode);
        Field<NonNullGraphType<StringGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<StringGraphType>>("name").Description("A name to show: the description the grid operator gave, else the operator and short code")
            .Resolve(c => string.IsNullOrWhiteSpace(c.Source.Description) ? $"{c.Source.OperatorCode} {c.Source.ShortCode}" : c.Source.Description);
        Field<FloatGraphType>("demandAvailableMw").Resolve(c => c.Source.DemandAvailableMw);
        Field<FloatGraphType>("generationAvailableMw").Resolve(c => c.Source.GenerationAvailableMw);
        Field<StringGraphType>("demandCongestionArea").Resolve(c => c.Source.DemandCongestionAreaCode);
        Field<StringGraphType>("generationCongestionArea").Resolve(c => c.Source.GenerationCongestionAreaCode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutoRegisteringObjectGraphType<CapacityYear>>>>>("capacity").Description("Available capacity per year")
            .Resolve(c => JsonSerializer.Deserialize<List<CapacityYear>>(c.Source.CapacityJson, DevelopmentMapping.StoredJson));
        Field<NonNullGraphType<JsonGraphType>>("works").Description("The works as the capacity map states them").Resolve(c => JsonDocument.Parse(c.Source.WorksJson).RootElement.Clone());
        Field<NonNullGraphType<IntGraphType>>("version").Resolve(c => c.Source.Version);
        Field<GeoJsonGraphType>("boundary").Argument<StringGraphType>("crs", "CRS84 (default), EPSG:28992 or EPSG:4258")
            .Resolve(c => c.Source.Geometry is null ? null : CrsTransform.FromCrs84(DevelopmentGraphQL.CrsOf(c), c.Source.Geometry));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutoRegisteringObjectGraphType<StationResponse>>>>>("stations").Description("The operator's stations in this area")
            .Resolve(c => GridGraphQL.Stations(c).Load((c.Source.OperatorCode, c.Source.ShortCode)).Then(s => (IEnumerable<StationResponse>)(s ?? [])));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DevelopmentGraphType>>>>("developments")
            .Description("The developments in this area the caller may see, masked as in REST (what it may count only in totals shows in loads and bottlenecks, under disclosure control)")
            .ResolveAsync(async c =>
            {
                var model = await GridGraphQL.ModelAsync(c);
                var index = model.Grid.IndexOf(c.Source.AreaId);
                if (index < 0) return (object)Array.Empty<DevelopmentFeature>();
                return DevelopmentGraphQL.Loader(c, c.AsOf()).LoadMany(model.DevelopmentsIn(index).Distinct().Order()).Then(l => l.OrderBy(f => f.Id).ToList());
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BottleneckGraphType>>>>("bottlenecks")
            .Argument<StringGraphType>("scenario", "committed, expected, ambition (comma-separated; all when absent)").Argument<IntGraphType>("fromYear").Argument<IntGraphType>("toYear")
            .ResolveAsync(async c => await GridGraphQL.BottlenecksAsync(c, [c.Source.AreaId]));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutoRegisteringObjectGraphType<AreaLoadItem>>>>>("loads")
            .Description("Load per year and scenario against capacity, for the caller (aggregate-only data under disclosure control), as GET /area-loads")
            .Argument<StringGraphType>("scenario", "committed, expected, ambition (comma-separated; all when absent)").Argument<IntGraphType>("fromYear").Argument<IntGraphType>("toYear")
            .ResolveAsync(async c => await GridGraphQL.LoadsAsync(c, c.Source.AreaId));
    }
}

public sealed class BottleneckGraphType : ObjectGraphType<BottleneckItem>
{
    public BottleneckGraphType()
    {
        Name = "Bottleneck";
        Field<NonNullGraphType<IdGraphType>>("area").Resolve(c => c.Source.Area.Id);
        Field<NonNullGraphType<StringGraphType>>("direction").Resolve(c => c.Source.Direction);
        Field<NonNullGraphType<StringGraphType>>("scenario").Resolve(c => c.Source.Scenario);
        Field<NonNullGraphType<IntGraphType>>("firstYear").Resolve(c => c.Source.FirstYear);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutoRegisteringObjectGraphType<Shortfall>>>>>("shortfall").Resolve(c => c.Source.Shortfall);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("causedBy").Description("Developments the caller sees in detail that load the area in the first year short")
            .Resolve(c => c.Source.CausedBy);
    }
}

public static class GridGraphQL
{
    public static void AddQueries(ObjectGraphType query, GraphQLOptions options)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<EnergyAreaGraphType>>>("energyAreas").Description("Energy and congestion areas (public), as GET /energy-areas")
            .PageArguments(options).Argument<StringGraphType>("operator").Argument<StringGraphType>("kind", "energy_area or congestion_area").Argument<StringGraphType>("congestionArea")
            .Argument<DateTimeGraphType>("asOf")
            .ResolveAsync(async c =>
            {
                var rows = Answers.Of(await c.Service<EnergyAreaReads>().ListAsync(c.GetArgument<string?>("operator"), c.GetArgument<string?>("kind"),
                    c.GetArgument<string?>("congestionArea"), c.AsOf(), c.CancellationToken))!;
                c.First(options);
                return Connections.Page(c, options, rows);
            });
        query.Field<EnergyAreaGraphType>("energyArea").Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => Answers.Of(await c.Service<EnergyAreaReads>().GetAsync(c.GetArgument<Guid>("id"), c.CancellationToken), nullWhenNotFound: true));
    }

    /// <summary>The scenarios and years an analysis field asks for, read as REST reads them.</summary>
    private static AnalysisWindow Window(IResolveFieldContext c)
    {
        var (window, errors) = AnalysisWindow.Read(null, c.GetArgument<string?>("scenario"), c.GetArgument<int?>("fromYear"), c.GetArgument<int?>("toYear"));
        return window ?? throw Resolve.Invalid(errors);
    }

    /// <summary>An energy area's load per year and scenario, for the caller's view (disclosure control as in REST).</summary>
    public static async Task<IReadOnlyList<AreaLoadItem>> LoadsAsync(IResolveFieldContext c, Guid areaId)
    {
        var scope = await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken);
        var result = await c.Service<GridAnalysisReads>().AreaLoadsAsync(scope, Window(c), new AreaSelection(Ids: [areaId]), contributions: false, c.AsOf(),
            c.CancellationToken, await ModelAsync(c));
        return result.Items;
    }

    /// <summary>Bottlenecks of the areas, for the caller's view (disclosure control as in REST).</summary>
    public static async Task<IReadOnlyList<BottleneckItem>> BottlenecksAsync(IResolveFieldContext c, IReadOnlyList<Guid> areaIds)
    {
        var scope = await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken);
        var result = await c.Service<GridAnalysisReads>().BottlenecksAsync(scope, Window(c), new AreaSelection(Ids: areaIds), c.AsOf(), c.CancellationToken,
            await ModelAsync(c), works: false); // the graph's Bottleneck has no works: no query for them per area
        return result.Items;
    }

    /// <summary>
    /// The analysis model, looked up once per request: of the current data, or of the moment the enclosing field was
    /// asked at (<c>energyAreas(asOf: …) { bottlenecks }</c> answers with that moment's bottlenecks, as REST's asOf).
    /// </summary>
    public static Task<GridModel> ModelAsync(IResolveFieldContext c)
    {
        var asOf = c.AsOf();
        return c.Service<BatchLoaders>().Once($"gridModel@{asOf:O}", () => c.Service<GridAnalysisReads>().ModelAsync(asOf, c.CancellationToken));
    }

    /// <summary>Stations per (operator, energy area short code), one round trip per query level; at the moment the areas were asked at.</summary>
    public static BatchLoader<(string, string), List<StationResponse>> Stations(IResolveFieldContext c)
    {
        var asOf = c.AsOf();
        return c.Service<BatchLoaders>().For<(string, string), List<StationResponse>>($"stations@{asOf:O}", async (keys, ct) =>
        {
            var operators = keys.Select(k => k.Item1).Distinct().ToList();
            var codes = keys.Select(k => k.Item2).Distinct().ToList();
            var rows = await c.Service<DataHubDb>().StationVersions.AsNoTracking().InForceAt(asOf)
                .Where(s => operators.Contains(s.OperatorCode) && s.EnergyAreaShortCode != null && codes.Contains(s.EnergyAreaShortCode)).ToListAsync(ct);
            return rows.GroupBy(s => (s.OperatorCode, s.EnergyAreaShortCode!)).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Code).Select(StationReads.ToResponse).ToList());
        });
    }
}
