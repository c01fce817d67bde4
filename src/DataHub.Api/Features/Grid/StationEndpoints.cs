using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Grid;

public sealed record StationInput(string Code, string Name, IReadOnlyList<int> VoltagesKv, string? EnergyAreaShortCode, Point Location);

public sealed record StationResponse(Guid Id, string Operator, string Code, string Name, IReadOnlyList<int> VoltagesKv, string? EnergyAreaShortCode,
    Geometry Geometry, int Version, DateTime UpdatedAt);

public sealed record StationList(IReadOnlyList<StationResponse> Items, int NumberReturned);

public sealed record StationImportReport(string Operator, int Created, int Updated, int Unchanged);

/// <summary>Stations (HS/MS substations) pushed by their grid operator as GeoJSON points; public to read, versioned.</summary>
/// <summary>The stations (public), now or as they were at asOf, optionally of one operator.</summary>
public sealed class StationReads(DataHubDb db)
{
    public async Task<StationList> ListAsync(string? operatorCode, DateTime? asOf, CancellationToken ct)
    {
        var rows = db.StationVersions.AsNoTracking().InForceAt(asOf);
        if (!string.IsNullOrEmpty(operatorCode)) rows = rows.Where(s => s.OperatorCode == operatorCode);
        var items = (await rows.OrderBy(s => s.OperatorCode).ThenBy(s => s.Code).ToListAsync(ct)).Select(StationReads.ToResponse).ToList();
        return new StationList(items, items.Count);
    }

    public static StationResponse ToResponse(StationVersion s) => new(s.StationId, s.OperatorCode, s.Code, s.Name,
        JsonSerializer.Deserialize<List<int>>(s.VoltagesJson)!, s.EnergyAreaShortCode, s.Geometry, s.Version, s.ValidFrom);
}

public static class StationEndpoints
{
    public static RouteGroupBuilder MapStations(this RouteGroupBuilder api)
    {
        api.MapPost("/station-imports", Import).WithTags("Grid").WithName("createStationImport")
            .WithSummary("The operator's stations as GeoJSON points {code, name, voltagesKv, energyAreaShortCode}, all or nothing")
            .Accepts<object>("application/geo+json", "application/json").WithHeader("Content-Crs", "CRS of the points")
            .Produces<StationImportReport>().WithProblems(400, 401, 403, 409, 413, 415);
        api.MapGet("/stations", List).WithTags("Grid").WithName("listStations").WithSummary("Stations, optionally of one operator")
            .WithQuery("operator", "grid operator code")
            .WithQuery("asOf", "the stations as they were at this moment (e.g. a programme cycle's baseline), RFC 3339", Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .Produces<StationList>().WithProblems(400);
        return api;
    }

    private static async Task<IResult> List(string? @operator, HttpContext http, StationReads reads, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(http.Request.Query);
        if (asOfProblem is not null) return asOfProblem;
        return TypedResults.Ok(await reads.ListAsync(@operator, asOf, ct));
    }


    public static async Task<IResult> Import(HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (SubmissionRules.GridWriter(scope, "Stations") is { } denied) return denied;
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Value.Limits, RequestBody.GeoJsonTypes, ct);
        if (problem is not null) return problem;
        using (doc)
        {
            if (!doc!.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                return Problems.Validation([new FieldError("/features", "required", "a station import is a GeoJSON FeatureCollection")]);
            var errors = new ErrorCollector();
            var inputs = new List<StationInput>();
            var i = 0;
            foreach (var f in features.EnumerateArray())
                if (Read(f, crs!, errors, $"/features/{i++}") is { } s)
                {
                    if (inputs.Any(x => x.Code == s.Code)) errors.Add($"/features/{i - 1}/properties/code", "duplicate", $"code '{s.Code}' appears twice");
                    else inputs.Add(s);
                }
            if (errors.HasErrors) return Problems.Validation(errors.Errors, "Nothing was imported");
            var op = scope.Organisation!; // GridWriter checked it
            var current = await db.StationVersions.AsNoTracking().Where(s => s.OperatorCode == op && s.ValidTo == null).ToDictionaryAsync(s => s.Code, ct);
            var now = store.Now();
            var report = new StationImportReport(op, 0, 0, 0);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var s in inputs)
            {
                var voltages = JsonSerializer.Serialize(s.VoltagesKv);
                var existing = current.GetValueOrDefault(s.Code);
                if (existing is not null && existing.Name == s.Name && existing.VoltagesJson == voltages && existing.EnergyAreaShortCode == s.EnergyAreaShortCode
                    && existing.Geometry.EqualsExact(s.Location)) { report = report with { Unchanged = report.Unchanged + 1 }; continue; }
                if (existing is not null)
                {
                    if (await db.StationVersions.Where(x => x.RowId == existing.RowId && x.ValidTo == null).ExecuteUpdateAsync(x => x.SetProperty(v => v.ValidTo, now), ct) != 1)
                        return Problems.Conflict("Another import changed these stations meanwhile; nothing was stored. Retry.");
                    report = report with { Updated = report.Updated + 1 };
                }
                else report = report with { Created = report.Created + 1 };
                db.StationVersions.Add(new StationVersion
                {
                    StationId = existing?.StationId ?? Guid.CreateVersion7(now), Version = (existing?.Version ?? 0) + 1, ValidFrom = now, OperatorCode = op,
                    Code = s.Code, Name = s.Name, VoltagesJson = voltages, EnergyAreaShortCode = s.EnergyAreaShortCode, Geometry = s.Location,
                    ChangedBy = scope.Caller.Subject, CreatedAt = existing?.CreatedAt ?? now,
                });
            }
            audit.Write(scope.Caller, "import", "stations", null, op, report.Created + report.Updated);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (VersionedStore.IsUniqueViolation(e))
            {
                return Problems.Conflict("Another import changed these stations meanwhile; nothing was stored. Retry.");
            }
            return TypedResults.Ok(report);
        }
    }

    /// <summary>Reads one station Feature; every problem with its pointer. Pure.</summary>
    public static StationInput? Read(JsonElement f, Crs crs, ErrorCollector errors, string at)
    {
        var before = errors.Errors.Count;
        Geometry? location = f.TryGetProperty("geometry", out var g) ? GeoJsonGeometryReader.Read(g, crs, errors, at + "/geometry") : null;
        if (location is null && errors.Errors.Count == before) errors.Add(at + "/geometry", "required", "a station is a Point");
        if (location is not null and not Point) { errors.Add(at + "/geometry/type", "unsupportedGeometryType", "a station is a Point"); location = null; }
        if (!f.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at + "/properties", "required", "properties {code, name, voltagesKv} are required");
            return null;
        }
        string? Str(string name, bool required)
        {
            if (p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length is > 0 and <= 200) return v.GetString()!.Trim();
            if (required || p.TryGetProperty(name, out _)) errors.Add($"{at}/properties/{name}", "required", $"{name} is a non-empty string");
            return null;
        }
        var code = Str("code", true);
        var name = Str("name", true);
        var area = Str("energyAreaShortCode", false);
        var voltages = new List<int>();
        if (!p.TryGetProperty("voltagesKv", out var vs) || vs.ValueKind != JsonValueKind.Array || vs.GetArrayLength() == 0)
            errors.Add($"{at}/properties/voltagesKv", "required", "voltagesKv is a non-empty array of voltage levels in kV, e.g. [150, 20]");
        else
        {
            var k = 0;
            foreach (var v in vs.EnumerateArray())
            {
                if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var kv) && kv is > 0 and <= 1000) voltages.Add(kv);
                else errors.Add($"{at}/properties/voltagesKv/{k}", "outOfRange", "a voltage level is a whole number of kV from 1 to 1000");
                k++;
            }
        }
        return errors.Errors.Count > before ? null : new StationInput(code!, name!, [.. voltages.OrderDescending()], area, (Point)location!);
    }
}
