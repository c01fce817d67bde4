using System.Globalization;
using DataHub.Api.Features.Audit;
using DataHub.Api.GraphQL;
using DataHub.Api.Spatial;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;

namespace DataHub.Api.Features.Developments;

/// <summary>A development as GraphQL shows it: the same masked properties as REST (<see cref="DevelopmentMapping.ToFeature"/>).</summary>
public sealed class DevelopmentGraphType : ObjectGraphType<DevelopmentFeature>
{
    public DevelopmentGraphType()
    {
        Name = "Development";
        Description = "A development in time and place (schemas/development.schema.json). Stated energy and source contact are withheld (listed in withheld) without detail access.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("externalId").Resolve(c => c.Source.Properties.ExternalId);
        Field<NonNullGraphType<StringGraphType>>("owner").Resolve(c => c.Source.Properties.Owner);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Properties.Name);
        Field<StringGraphType>("description").Resolve(c => c.Source.Properties.Description);
        Field<NonNullGraphType<StringGraphType>>("planType").Resolve(c => c.Source.Properties.PlanType);
        Field<IdGraphType>("plan").Resolve(c => c.Source.Properties.Plan);
        Field<NonNullGraphType<StringGraphType>>("sector").Resolve(c => c.Source.Properties.Sector);
        Field<NonNullGraphType<StringGraphType>>("kind").Resolve(c => c.Source.Properties.Kind);
        Field<NonNullGraphType<StringGraphType>>("assetType").Resolve(c => c.Source.Properties.AssetType);
        Field<NonNullGraphType<StringGraphType>>("certainty").Resolve(c => c.Source.Properties.Certainty);
        Field<NonNullGraphType<StringGraphType>>("visibility").Resolve(c => c.Source.Properties.Visibility);
        Field<IntGraphType>("commissioningYear").Resolve(c => c.Source.Properties.CommissioningYear);
        Field<IntGraphType>("decommissioningYear").Resolve(c => c.Source.Properties.DecommissioningYear);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutoRegisteringObjectGraphType<Quantity>>>>>("quantities").Resolve(c => c.Source.Properties.Quantities);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutoRegisteringObjectGraphType<StatedEnergy>>>>>("energy").Resolve(c => c.Source.Properties.Energy);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("carriers").Resolve(c => c.Source.Properties.Carriers);
        Field<AutoRegisteringObjectGraphType<SourceMetadata>>("source").Resolve(c => c.Source.Properties.Source);
        Field<StringGraphType>("municipalityCode").Resolve(c => c.Source.Properties.MunicipalityCode);
        Field<StringGraphType>("provinceCode").Resolve(c => c.Source.Properties.ProvinceCode);
        Field<StringGraphType>("resRegionCode").Resolve(c => c.Source.Properties.ResRegionCode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("otherMunicipalityCodes").Resolve(c => c.Source.Properties.OtherMunicipalityCodes);
        Field<NonNullGraphType<IntGraphType>>("version").Resolve(c => c.Source.Properties.Version);
        Field<NonNullGraphType<BooleanGraphType>>("retired").Resolve(c => c.Source.Properties.Retired);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.Properties.CreatedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Resolve(c => c.Source.Properties.UpdatedAt);
        Field<DateTimeGraphType>("validTo").Resolve(c => c.Source.Properties.ValidTo);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("withheld").Description("The properties withheld from this caller (no detail access)")
            .Resolve(c => c.Source.Properties.Withheld);
        Field<Organisations.AreaGraphType>("municipality").Description("The municipality it lies in (derived from the geometry)")
            .Resolve(c => c.Source.Properties.MunicipalityCode is { } m ? AreaCatalogue.Instance.ByCode.GetValueOrDefault(m) : null);
        Field<Organisations.AreaGraphType>("province").Resolve(c => c.Source.Properties.ProvinceCode is { } p ? AreaCatalogue.Instance.ByCode.GetValueOrDefault(p) : null);
        Field<Organisations.AreaGraphType>("resRegion").Resolve(c => c.Source.Properties.ResRegionCode is { } r ? AreaCatalogue.Instance.ByCode.GetValueOrDefault(r) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Grid.EnergyAreaGraphType>>>>("energyAreas")
            .Description("The energy areas that serve it: the grid operators' areas its location lies in, as the analysis assigns it (public)")
            .ResolveAsync(async c => (object)DevelopmentGraphQL.ServingAreas(c, await Grid.GridGraphQL.ModelAsync(c)).Load(c.Source.Id).Then(a => (IEnumerable<EnergyAreaVersion>)(a ?? [])));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DevelopmentGraphType>>>>("versions").Description("Every version, oldest first (as GET /developments/{id}/versions)")
            .Resolve(c => DevelopmentGraphQL.Versions(c).Load(c.Source.Id).Then(v => (IEnumerable<DevelopmentFeature>)(v ?? [])));
        Field<AutoRegisteringObjectGraphType<Analysis.DevelopmentLoad>>("load").Description("Its load per year and carrier under a rule set (as GET /developments/{id}/load)")
            .Argument<StringGraphType>("ruleSet").Argument<IntGraphType>("fromYear").Argument<IntGraphType>("toYear")
            .Resolve(c => DevelopmentGraphQL.Load(c));
        Field<NonNullGraphType<GeoJsonGraphType>>("geometry").Description("The geometry, in the CRS asked for")
            .Argument<StringGraphType>("crs", "CRS84 (default), EPSG:28992 (RD New) or EPSG:4258 (ETRS89), as URI or code")
            .Resolve(c => CrsTransform.FromCrs84(DevelopmentGraphQL.CrsOf(c), c.Source.Geometry));
    }
}

/// <summary>The developments of the graph: one, a filtered connection, and the loader nested fields use.</summary>
public static class DevelopmentGraphQL
{
    public static readonly string[] FilterArguments =
        ["municipality", "province", "resRegion", "planType", "sector", "kind", "certainty", "owner", "externalId", "bbox", "bboxCrs", "activeInYear",
         "fromYear", "toYear", "updatedSince", "asOf", "includeRetired", "sort"];

    public static void AddQueries(ObjectGraphType query, GraphQLOptions options)
    {
        query.Field<DevelopmentGraphType>("development").Description("One development the caller may see (null otherwise), now or asOf")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<DateTimeGraphType>("asOf")
            .ResolveAsync(async c =>
            {
                var scope = await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken);
                var found = await c.Service<DevelopmentReads>().GetAsync(scope, c.GetArgument<Guid>("id"), c.AsOf(), c.CancellationToken);
                return found.Value is { } row ? row.ToFeature(Crs.Crs84, "", scope.HasDetailAccess(row)) : null;
            });
        AddConnection(query, "developments", "Developments the caller may see, filtered as REST's GET /developments", options);
    }

    /// <summary>A developments connection with REST's filters and keyset cursors, on any parent (the root, an area).</summary>
    public static void AddConnection<TSource>(ObjectGraphType<TSource> parent, string name, string description, GraphQLOptions options,
        Func<IResolveFieldContext, Dictionary<string, string>>? fixedFilter = null)
    {
        var field = parent.Field<NonNullGraphType<ConnectionGraphType<DevelopmentGraphType>>>(name).Description(description)
            .PageArguments(options);
        foreach (var a in FilterArguments)
            field.Argument(a switch
            {
                "activeInYear" or "fromYear" or "toYear" => typeof(IntGraphType),
                "includeRetired" => typeof(BooleanGraphType),
                "updatedSince" or "asOf" => typeof(DateTimeGraphType),
                _ => typeof(StringGraphType),
            }, a, arg => arg.Description = a is "bbox" ? "minX,minY,maxX,maxY in bboxCrs" : $"as REST's {a}");
        field.ResolveAsync(async c =>
        {
            var values = c.AsQuery(FilterArguments).ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
            if (fixedFilter is not null) foreach (var (k, v) in fixedFilter(c)) values[k] = v;
            values["limit"] = c.First(options).ToString(CultureInfo.InvariantCulture);
            if (c.GetArgument<string?>("after") is { } after) values["cursor"] = after;
            var (filter, errors) = DevelopmentFilter.Parse(DevelopmentListQuery.From(values), new LimitOptions { MaxPageSize = options.MaxPageSize, DefaultPageSize = options.DefaultPageSize },
                c.Service<TimeProvider>());
            if (filter is null) throw Resolve.Invalid(errors);
            var scope = await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken);
            var page = await c.Service<DevelopmentReads>().ListAsync(scope, filter, c.CancellationToken);
            return Connections.Of(page.Rows.Select(v => (DevelopmentPaging.CursorOf(v, filter), v.ToFeature(Crs.Crs84, "", scope.HasDetailAccess(v)))).ToList(),
                page.Matched, page.HasMore);
        });
    }

    /// <summary>Developments by id, as the caller may see them now or as they were at asOf (hidden ones are simply absent): one round trip per query level.</summary>
    public static BatchLoader<Guid, DevelopmentFeature> Loader(IResolveFieldContext c, DateTime? asOf = null) =>
        c.Service<BatchLoaders>().For<Guid, DevelopmentFeature>($"developments@{asOf:O}", async (ids, ct) =>
        {
            var scope = await c.Service<AccessScopes>().CurrentAsync(ct);
            var rows = await c.Service<DevelopmentReads>().ManyAsync(scope, ids, asOf, ct);
            return rows.ToDictionary(v => v.DevelopmentId, v => v.ToFeature(Crs.Crs84, "", scope.HasDetailAccess(v)));
        });

    /// <summary>The energy areas serving the developments asked for, one query per level (areas are public).</summary>
    public static BatchLoader<Guid, List<EnergyAreaVersion>> ServingAreas(IResolveFieldContext c, Analysis.GridModel model)
    {
        var asOf = c.AsOf();
        return c.Service<BatchLoaders>().For<Guid, List<EnergyAreaVersion>>($"servingAreas@{asOf:O}", async (ids, ct) =>
            (IReadOnlyDictionary<Guid, List<EnergyAreaVersion>>)await c.Service<Analysis.GridAnalysisReads>().ServingAreasAsync(ids, model, asOf, ct));
    }

    /// <summary>Every version of the developments asked for, as the caller may see them (REST's /versions), one round trip per level.</summary>
    public static BatchLoader<Guid, List<DevelopmentFeature>> Versions(IResolveFieldContext c) =>
        c.Service<BatchLoaders>().For<Guid, List<DevelopmentFeature>>("developmentVersions", async (ids, ct) =>
        {
            var scope = await c.Service<AccessScopes>().CurrentAsync(ct);
            var rows = await c.Service<DevelopmentReads>().VersionsOfAsync(scope, ids, "versions", ct);
            return rows.GroupBy(v => v.DevelopmentId).ToDictionary(g => g.Key, g => g.Select(v => v.ToFeature(Crs.Crs84, "", scope.HasDetailAccess(v))).ToList());
        });

    public static Task<MutationResult> CreateAsync(IResolveFieldContext c) => WriteAsync(c, async (writes, scope, input) =>
        await writes.CreateAsync(scope, input!, c.CancellationToken), needsInput: true, created: true);

    public static Task<MutationResult> UpdateAsync(IResolveFieldContext c) => WriteAsync(c, async (writes, scope, input) =>
        await writes.UpdateAsync(scope, c.GetArgument<Guid>("id"), input!, c.GetArgument<string?>("ifMatch"), c.CancellationToken), needsInput: true);

    public static Task<MutationResult> RetireAsync(IResolveFieldContext c) => WriteAsync(c, async (writes, scope, _) =>
        await writes.RetireAsync(scope, c.GetArgument<Guid>("id"), c.GetArgument<string?>("ifMatch"), c.CancellationToken), needsInput: false);

    /// <summary>A development write: the input read as REST reads a body (in contentCrs), the operation run, its outcome as the mutation's result.</summary>
    private static Task<MutationResult> WriteAsync(IResolveFieldContext c, Func<DevelopmentWrites, AccessScope, DevelopmentInput?, Task<Operations.Outcome<Operations.Written<DevelopmentVersion>>>> write,
        bool needsInput, bool created = false) => c.InOwnScopeAsync(async services =>
    {
        var scope = await services.GetRequiredService<AccessScopes>().CurrentAsync(c.CancellationToken);
        DevelopmentInput? input = null;
        if (needsInput)
        {
            var (crs, crsProblem) = Http.RequestBody.CrsParameter(c.GetArgument<string?>("contentCrs"), "contentCrs");
            if (crsProblem is not null) return MutationResults.Refused(crsProblem.Problem);
            var read = DevelopmentWrites.Read(scope, c.GetArgument<System.Text.Json.JsonElement>("input"), crs!);
            if (!read.Ok) return MutationResults.Refused(read.Problem!);
            input = read.Value;
        }
        var written = await write(services.GetRequiredService<DevelopmentWrites>(), scope, input);
        if (written.Problem is { } problem) return MutationResults.Refused(problem);
        var w = written.Value!;
        return needsInput
            ? MutationResults.Done(created ? 201 : 200, w.ETag, w.Row.DevelopmentId.ToString(), w.Row.ToFeature(Crs.Crs84, BaseUrl(c), detailAccess: true))
            : MutationResults.Done(204, w.ETag, w.Row.DevelopmentId.ToString(), null);
    });

    private static string BaseUrl(IResolveFieldContext c) => Http.PageLinks.BaseUrl(c.Http().Request);

    /// <summary>
    /// The development's load per year under a rule set, from what the caller sees of it (stated energy only with
    /// detail access) — REST's GET /developments/{id}/load, computed in place: no round trip.
    /// </summary>
    public static Analysis.DevelopmentLoad Load(IResolveFieldContext<DevelopmentFeature> c)
    {
        var (window, errors) = Analysis.AnalysisWindow.Read(c.GetArgument<string?>("ruleSet"), null, c.GetArgument<int?>("fromYear"), c.GetArgument<int?>("toYear"));
        return window is null ? throw Resolve.Invalid(errors) : Analysis.DevelopmentLoadSeries.Of(c.Source, window);
    }

    public static Crs CrsOf(IResolveFieldContext c) => c.GetArgument<string?>("crs") is { Length: > 0 } s
        ? Crs.Parse(s) ?? throw new ExecutionError($"crs is one of {Crs.SupportedList}") { Code = "unknownCrs" }
        : Crs.Crs84;
}
