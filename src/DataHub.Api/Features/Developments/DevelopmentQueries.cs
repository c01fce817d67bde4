using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Developments;

/// <summary>
/// The development list's query as REST binds it from the query string (and GraphQL builds it from its arguments of
/// the same names): text as given, whole numbers and booleans typed; <see cref="DevelopmentFilter.Parse"/> checks it.
/// </summary>
public sealed record DevelopmentListQuery(
    [property: FromQuery(Name = "bbox"), Description("minX,minY,maxX,maxY in bboxCrs: developments whose geometry intersects the box")] string? Bbox = null,
    [property: FromQuery(Name = "bboxCrs"), Description("CRS of bbox: CRS84 (default), EPSG:28992 or EPSG:4258 (URI or short form)")] string? BboxCrs = null,
    [property: FromQuery(Name = "crs"), Description("CRS of the response geometries; reported in the Content-Crs header")] string? Crs = null,
    [property: FromQuery(Name = "municipality"), Description("CBS municipality codes (GM…), comma-separated")] string? Municipality = null,
    [property: FromQuery(Name = "province"), Description("CBS province codes (PV…), comma-separated")] string? Province = null,
    [property: FromQuery(Name = "resRegion"), Description("RES region codes (ES…), comma-separated")] string? ResRegion = null,
    [property: FromQuery(Name = "planType"), Description("RES, CES, RAL, RMP, woonagenda, TVW, IP, other; comma-separated")] string? PlanType = null,
    [property: FromQuery(Name = "sector"), Description("sector codes, comma-separated")] string? Sector = null,
    [property: FromQuery(Name = "kind"), Description("kind codes, comma-separated")] string? Kind = null,
    [property: FromQuery(Name = "certainty"), Description("realised, underConstruction, permitted, inProcedure, planned, ambition; comma-separated")] string? Certainty = null,
    [property: FromQuery(Name = "owner"), Description("owner organisation codes, comma-separated")] string? Owner = null,
    [property: FromQuery(Name = "externalId"), Description("the owners' own ids, comma-separated")] string? ExternalId = null,
    [property: FromQuery(Name = "activeInYear"), Description("developments in place in that year (commissioned, not decommissioned)")] int? ActiveInYear = null,
    [property: FromQuery(Name = "fromYear"), Description("developments in place at some time from this year")] int? FromYear = null,
    [property: FromQuery(Name = "toYear"), Description("developments commissioned by this year")] int? ToYear = null,
    [property: FromQuery(Name = "updatedSince"), Description("only versions written at or after this moment (RFC 3339)"), DataType(DataType.DateTime)] string? UpdatedSince = null,
    [property: FromQuery(Name = "asOf"), Description("the state at this past moment (RFC 3339)"), DataType(DataType.DateTime)] string? AsOf = null,
    [property: FromQuery(Name = "includeRetired"), Description("include retired developments")] bool? IncludeRetired = null,
    [property: FromQuery(Name = "limit"), Description("page size, 1–1000 (default 100)")] int? Limit = null,
    [property: FromQuery(Name = "sort"), Description("the order: seq (creation, the default), name or updatedAt; '-' first for descending (e.g. -updatedAt); ties in creation order")] string? Sort = null,
    [property: FromQuery(Name = "cursor"), Description("where the page starts; take it from the next link")] string? Cursor = null)
{
    /// <summary>A parameter by its query-string name, as text (null when absent).</summary>
    public string? this[string name] => name switch
    {
        "bbox" => Bbox, "bboxCrs" => BboxCrs, "crs" => Crs, "municipality" => Municipality, "province" => Province, "resRegion" => ResRegion,
        "planType" => PlanType, "sector" => Sector, "kind" => Kind, "certainty" => Certainty, "owner" => Owner, "externalId" => ExternalId,
        "activeInYear" => Text(ActiveInYear), "fromYear" => Text(FromYear), "toYear" => Text(ToYear), "updatedSince" => UpdatedSince, "asOf" => AsOf,
        "includeRetired" => IncludeRetired is { } b ? (b ? "true" : "false") : null, "limit" => Text(Limit), "sort" => Sort, "cursor" => Cursor,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a parameter of the development list"),
    };

    /// <summary>The query from parameters by name (GraphQL's arguments, which carry REST's names).</summary>
    public static DevelopmentListQuery From(IReadOnlyDictionary<string, string?> values)
    {
        string? S(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        int? I(string name) => S(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        return new(S("bbox"), S("bboxCrs"), S("crs"), S("municipality"), S("province"), S("resRegion"), S("planType"), S("sector"), S("kind"), S("certainty"),
            S("owner"), S("externalId"), I("activeInYear"), I("fromYear"), I("toYear"), S("updatedSince"), S("asOf"),
            S("includeRetired") is { } b ? bool.Parse(b) : null, I("limit"), S("sort"), S("cursor"));
    }

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A condition on the versions in force that the caller may see (<paramref name="rows"/>), which may ask the spatial seam first.</summary>
public delegate Task<IQueryable<DevelopmentVersion>> DevelopmentCondition(DataHubDb db, ISpatialQuery spatial, IQueryable<DevelopmentVersion> rows, CancellationToken ct);

/// <summary>The filters of GET /developments, parsed and checked. Code filters take comma-separated lists.</summary>
public sealed record DevelopmentFilter
{
    public Envelope? Bbox { get; init; }
    public Crs ResponseCrs { get; init; } = Crs.Crs84;
    public string[]? Municipality { get; init; }
    public string[]? Province { get; init; }
    public string[]? ResRegion { get; init; }
    public string[]? PlanType { get; init; }
    public string[]? Sector { get; init; }
    public string[]? Kind { get; init; }
    public string[]? Certainty { get; init; }
    public string[]? Owner { get; init; }
    public string[]? ExternalId { get; init; }
    public int? ActiveInYear { get; init; }
    public int? FromYear { get; init; }
    public int? ToYear { get; init; }
    public DateTime? UpdatedSince { get; init; }
    public DateTime? AsOf { get; init; }
    public bool IncludeRetired { get; init; }
    public int Limit { get; init; }
    /// <summary>The order: <c>seq</c> (creation, the default), <c>name</c> or <c>updatedAt</c>.</summary>
    public string Sort { get; init; } = DevelopmentPaging.BySeq;
    public bool Descending { get; init; }
    /// <summary>Where the page starts: behind this record (its Seq) ...</summary>
    public long? Cursor { get; init; }
    /// <summary>... whose sort value was this (the name, or the update time in ticks), for the sorted orders.</summary>
    public string? CursorValue { get; init; }

    /// <summary>A further condition a surface adds (OGC's CQL2 filter), built with the database's spatial seam; <see cref="ConditionKey"/> says what it is.</summary>
    public DevelopmentCondition? Condition { get; init; }
    /// <summary>The condition as text (its canonical CQL2): part of <see cref="MatchKey"/>.</summary>
    public string? ConditionKey { get; init; }

    /// <summary>What decides which rows match (not the page: cursor, size, order, CRS), as text: the key of a kept count.</summary>
    public string MatchKey => string.Join('|', Bbox is { } b ? FormattableString.Invariant($"{b.MinX},{b.MinY},{b.MaxX},{b.MaxY}") : "",
        J(Municipality), J(Province), J(ResRegion), J(PlanType), J(Sector), J(Kind), J(Certainty), J(Owner), J(ExternalId),
        ActiveInYear, FromYear, ToYear, UpdatedSince?.Ticks, AsOf?.Ticks, IncludeRetired, ConditionKey);

    private static string J(string[]? values) => values is null ? "-" : string.Join(',', values);

    /// <summary>Reads the list's query (REST's query string, GraphQL's arguments by the same names); every bad parameter becomes an error naming it.</summary>
    public static (DevelopmentFilter? Filter, List<FieldError> Errors) Parse(DevelopmentListQuery q, LimitOptions limits, TimeProvider clock)
    {
        var errors = new List<FieldError>();
        void Error(string parameter, string code, string message) => errors.Add(new FieldError("", code, message) { Parameter = parameter });

        string[]? Codes(string name, string[]? allowed = null)
        {
            var raw = (q[name] ?? "");
            if (string.IsNullOrWhiteSpace(raw)) return null;
            var values = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (allowed is not null)
                foreach (var v in values.Where(v => !CodeLists.IsKnown(allowed, v)))
                    Error(name, "unknownCode", $"'{v}' is not a known {name}; use one of {string.Join(", ", allowed)}");
            return values;
        }

        int? Int(string name, int min, int max)
        {
            var raw = (q[name] ?? "");
            if (string.IsNullOrEmpty(raw)) return null;
            if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            {
                Error(name, "outOfRange", $"{name} must be a whole number from {min} to {max}");
                return null;
            }
            return v;
        }

        DateTime? AsOfOf(DevelopmentListQuery query)
        {
            var (at, error) = Operations.AsOf.Parse(query.AsOf, clock);
            if (error is not null) errors.Add(error);
            return at;
        }

        DateTime? Time(string name)
        {
            var raw = (q[name] ?? "");
            if (string.IsNullOrEmpty(raw)) return null;
            if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            {
                Error(name, "invalidFormat", $"{name} must be an RFC 3339 date-time, e.g. 2026-01-01T00:00:00Z");
                return null;
            }
            return t.UtcDateTime;
        }

        var (bboxCrs, bboxCrsProblem) = RequestBody.CrsParameter((q["bboxCrs"] ?? ""), "bboxCrs");
        if (bboxCrsProblem is not null) errors.AddRange(bboxCrsProblem.Problem.Errors!);
        var (crs, crsProblem) = RequestBody.CrsParameter((q["crs"] ?? ""), "crs");
        if (crsProblem is not null) errors.AddRange(crsProblem.Problem.Errors!);

        Envelope? bbox = null;
        var bboxRaw = (q["bbox"] ?? "");
        if (!string.IsNullOrEmpty(bboxRaw) && bboxCrs is not null)
        {
            var parts = bboxRaw.Split(',');
            var nums = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : (double?)null).ToArray();
            if (nums.Length != 4 || nums.Any(n => n is null))
                Error("bbox", "invalidFormat", "bbox is four numbers: minX,minY,maxX,maxY in bboxCrs (lower left, upper right)");
            else if (nums[0] > nums[2] || nums[1] > nums[3])
                Error("bbox", "invalidRange", "bbox must list the lower-left corner before the upper-right one");
            else
                bbox = BoxToCrs84(bboxCrs, nums[0]!.Value, nums[1]!.Value, nums[2]!.Value, nums[3]!.Value);
        }

        var activeInYear = Int("activeInYear", CodeLists.MinYear, CodeLists.MaxYear);
        var fromYear = Int("fromYear", CodeLists.MinYear, CodeLists.MaxYear);
        var toYear = Int("toYear", CodeLists.MinYear, CodeLists.MaxYear);
        if (fromYear > toYear) Error("fromYear", "invalidRange", "fromYear is after toYear");
        var limit = Int("limit", 1, limits.MaxPageSize) ?? limits.DefaultPageSize;
        var sortRaw = (q["sort"] ?? "");
        var descending = sortRaw.StartsWith('-');
        var sort = sortRaw.Length == 0 ? DevelopmentPaging.BySeq : descending ? sortRaw[1..] : sortRaw;
        if (Array.IndexOf(DevelopmentPaging.SortKeys, sort) < 0)
            Error("sort", "unknownCode", $"sort is one of {string.Join(", ", DevelopmentPaging.SortKeys)}, with '-' first for descending");
        var (cursor, cursorValue) = (q["cursor"] ?? "") is { Length: > 0 } c ? DevelopmentPaging.ParseCursor(c, sort) : (null, null);
        if ((q["cursor"] ?? "").Length > 0 && cursor is null) Error("cursor", "invalidFormat", "cursor must be taken from a next link of the same order");
        bool includeRetired = false;
        if ((q["includeRetired"] ?? "") is { Length: > 0 } ir && !bool.TryParse(ir, out includeRetired))
            Error("includeRetired", "invalidFormat", "includeRetired is true or false");

        var filter = new DevelopmentFilter
        {
            Bbox = bbox,
            ResponseCrs = crs ?? Crs.Crs84,
            Municipality = Codes("municipality"),
            Province = Codes("province"),
            ResRegion = Codes("resRegion"),
            PlanType = Codes("planType", CodeLists.PlanTypes),
            Sector = Codes("sector", CodeLists.Sectors),
            Kind = Codes("kind"),
            Certainty = Codes("certainty", CodeLists.Certainties),
            Owner = Codes("owner"),
            ExternalId = Codes("externalId"),
            ActiveInYear = activeInYear,
            FromYear = fromYear,
            ToYear = toYear,
            UpdatedSince = Time("updatedSince"),
            AsOf = AsOfOf(q),
            IncludeRetired = includeRetired,
            Limit = limit,
            Sort = sort,
            Descending = descending,
            Cursor = cursor,
            CursorValue = cursorValue,
        };
        return errors.Count > 0 ? (null, errors) : (filter, errors);
    }

    /// <summary>A box in another CRS becomes the CRS84 envelope of its four transformed corners.</summary>
    public static Envelope BoxToCrs84(Crs crs, double minA, double minB, double maxA, double maxB)
    {
        var env = new Envelope();
        foreach (var (a, b) in new[] { (minA, minB), (minA, maxB), (maxA, minB), (maxA, maxB) })
        {
            var (lon, lat) = CrsTransform.ToCrs84(crs, a, b);
            env.ExpandToInclude(lon, lat);
        }
        return env;
    }
}

public static class DevelopmentQueries
{
    /// <summary>The versions in force at <paramref name="asOf"/> (or now), that the caller may see.</summary>
    public static IQueryable<DevelopmentVersion> InForce(this IQueryable<DevelopmentVersion> rows, DateTime? asOf, AccessScope scope) =>
        rows.InForceAt(asOf).VisibleTo(scope);

    /// <summary>
    /// The developments that existed at a moment (now when null): the version in force then, retired ones left out.
    /// No access filter: aggregates add theirs (<see cref="AccessPolicy.SeesAggregate"/>).
    /// </summary>
    public static IQueryable<DevelopmentVersion> LiveAt(this IQueryable<DevelopmentVersion> rows, DateTime? asOf) =>
        rows.InForceAt(asOf).Where(v => !v.IsRetired);

    /// <summary>
    /// A version as it was seen at <paramref name="asOf"/>: still open then, even if it was superseded since, so an
    /// answer asOf a past moment never changes (a programme cycle's baseline).
    /// </summary>
    public static DevelopmentVersion SeenAt(this DevelopmentVersion v, DateTime? asOf)
    {
        if (asOf is { } t && v.ValidTo > t) v.ValidTo = null;
        return v;
    }

    public static async Task<IQueryable<DevelopmentVersion>> FilterAsync(DataHubDb db, ISpatialQuery spatial, DevelopmentFilter f, AccessScope scope, CancellationToken ct)
    {
        var rows = db.DevelopmentVersions.AsQueryable().InForce(f.AsOf, scope);
        if (!f.IncludeRetired) rows = rows.Where(v => !v.IsRetired);
        if (f.Municipality is { } m) rows = rows.Where(v => v.MunicipalityCode != null && m.Contains(v.MunicipalityCode));
        if (f.Province is { } p) rows = rows.Where(v => v.ProvinceCode != null && p.Contains(v.ProvinceCode));
        if (f.ResRegion is { } r) rows = rows.Where(v => v.ResRegionCode != null && r.Contains(v.ResRegionCode));
        if (f.PlanType is { } pt) rows = rows.Where(v => pt.Contains(v.PlanType));
        if (f.Sector is { } s) rows = rows.Where(v => s.Contains(v.Sector));
        if (f.Kind is { } k) rows = rows.Where(v => k.Contains(v.Kind));
        if (f.Certainty is { } c) rows = rows.Where(v => c.Contains(v.Certainty));
        if (f.Owner is { } o) rows = rows.Where(v => o.Contains(v.OwnerCode));
        if (f.ExternalId is { } x) rows = rows.Where(v => x.Contains(v.ExternalId));
        if (f.ActiveInYear is { } y) rows = rows.Where(v => v.FirstYear <= y && (v.LastYear == null || v.LastYear >= y));
        if (f.FromYear is { } from) rows = rows.Where(v => v.LastYear == null || v.LastYear >= from);
        if (f.ToYear is { } to) rows = rows.Where(v => v.FirstYear <= to);
        if (f.UpdatedSince is { } since) rows = rows.Where(v => v.ValidFrom >= since);
        if (f.Bbox is { } box) rows = await spatial.IntersectingAsync(db, rows, box, ct);
        if (f.Condition is { } condition) rows = await condition(db, spatial, rows, ct);
        return rows;
    }
}
