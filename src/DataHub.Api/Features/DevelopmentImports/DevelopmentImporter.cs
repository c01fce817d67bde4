using System.Diagnostics;
using System.Threading.Channels;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Plans;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.DevelopmentImports;

/// <summary>What an import did (a dry run: would do), and how many features the document held.</summary>
public sealed record ImportDone(DevelopmentImport Import, int FeatureCount);

/// <summary>
/// Imports developments from a GeoJSON FeatureCollection or a CSV, all or nothing, as a stream: features are read,
/// validated, derived and written in batches of <see cref="BatchSize"/> inside one transaction that commits only when
/// the whole document was valid, so memory does not grow with the size of the import. Every feature is validated even
/// after the first error (the answer names them all); once there is an error nothing more is written and the
/// transaction is rolled back.
/// </summary>
public sealed partial class DevelopmentImporter(DataHubDb db, DevelopmentStore store, IOptions<DataHubOptions> options, AuditTrail audit, ILogger<DevelopmentImport> logger)
{
    /// <summary>At most this many errors are listed in one answer; the detail gives the total.</summary>
    public const int MaxListedErrors = 10_000;

    public const int BatchSize = 1_024;

    /// <summary>One feature as its source gives it: the document (null when the source could not build one) and the source's own errors.</summary>
    private sealed record SourceFeature(int Index, int? Row, JsonDocument? Document, List<FieldError> Errors);

    /// <summary>A problem with the document as a whole (not a GeoJSON FeatureCollection, too many features) that ends the import at once.</summary>
    private sealed class DocumentProblem(ProblemResult problem) : Exception
    {
        public ProblemResult Problem { get; } = problem;
    }

    /// <summary>
    /// Imports a GeoJSON FeatureCollection, a CSV or a GeoPackage (<paramref name="format"/> geojson, csv or gpkg: a
    /// <see cref="FileStream"/>) whose coordinates are in <paramref name="crs"/> for the caller's organisation; a dry
    /// run validates and counts, and stores nothing.
    /// </summary>
    public async Task<Outcome<ImportDone>> ImportAsync(AccessScope scope, string format, Stream body, Crs crs, bool dryRun, CancellationToken ct)
    {
        if (RoleGates.Submitter.Check(scope) is { } denied) return denied;
        var caller = scope.Caller;
        var organisationType = scope.OrganisationType;
        var clock = Stopwatch.StartNew();
        var owner = caller.Organisation!;
        var plans = await PlanReads.ResolverAsync(db, owner, ct);
        var now = store.Now();
        var import = new DevelopmentImport { Id = Guid.CreateVersion7(now), OwnerCode = owner, ChangedBy = caller.Subject, Format = format, CreatedAt = now };

        // Two stages that overlap: reading, validating and deriving (on the thread pool, in parallel per batch) and
        // writing (here, on this request's database context), with at most one batch waiting between them. Batches
        // are small so that what is in flight stays a few MB.
        var valid = Channel.CreateBounded<DevelopmentVersion[]>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var validation = Task.Run(() => ValidateAsync(format, body, crs, owner, organisationType, plans, valid.Writer, stop.Token), stop.Token);

        DevelopmentStore.DevelopmentWrite? write = null;
        var writing = TimeSpan.Zero;
        var lookingUp = TimeSpan.Zero;
        try
        {
            await foreach (var rows in valid.Reader.ReadAllAsync(ct))
            {
                if (rows.Length == 0)
                {
                    // The validation found an error: nothing is stored; it goes on to name every error.
                    if (write is not null) await write.DisposeAsync();
                    write = null;
                    continue;
                }
                if (!dryRun && write is null)
                {
                    logger.LogInformation("import {Id}: writing", import.Id);
                    write = await store.BeginAsync(caller.Subject, import.Id, ct);
                    import.CreatedAt = write.Now;
                }
                var lookupStarted = clock.Elapsed;
                var existing = await store.CurrentByExternalIdAsync(owner, rows.Select(r => r.ExternalId).ToList(), ct);
                lookingUp += clock.Elapsed - lookupStarted;
                var changes = rows.Select(r => DevelopmentStore.Plan(r, existing.GetValueOrDefault(r.ExternalId))).ToList();
                import.Created += changes.Count(c => c.Kind == ChangeKind.Created);
                import.Updated += changes.Count(c => c.Kind == ChangeKind.Updated);
                import.Unchanged += changes.Count(c => c.Kind == ChangeKind.Unchanged);
                if (write is null) continue;
                var started = clock.Elapsed;
                var stored = await write.AddAsync(changes, ct);
                writing += clock.Elapsed - started;
                if (!stored) return Conflict();
            }
            var (count, problem) = await validation;
            if (problem is not null) return problem;
            if (dryRun) return new ImportDone(import, count);

            audit.Write(caller, "import", "development", import.Id.ToString(), owner, import.Created + import.Updated,
                $"{format}: {import.Created} created, {import.Updated} updated, {import.Unchanged} unchanged");
            db.DevelopmentImports.Add(import);
            var committing = clock.Elapsed;
            write ??= await store.BeginAsync(caller.Subject, import.Id, ct); // every feature unchanged: the report alone
            if (!await write.CommitAsync(ct)) return Conflict();
            writing += clock.Elapsed - committing;
            logger.LogInformation("import {Id} by {Owner}: {Count} features ({Created} created, {Updated} updated, {Unchanged} unchanged) in {Total} ms; looking up existing ones {Lookup} ms, writing {Write} ms",
                import.Id, owner, count, import.Created, import.Updated, import.Unchanged, (long)clock.Elapsed.TotalMilliseconds, (long)lookingUp.TotalMilliseconds, (long)writing.TotalMilliseconds);
            Telemetry.ImportDuration.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("format", format));
            Telemetry.ImportedFeatures.Add(count);
            return new ImportDone(import, count);
        }
        finally
        {
            if (write is not null) await write.DisposeAsync();
            if (!validation.IsCompleted)
            {
                // The write ended early (a conflict, a cancelled request): stop reading, and let go of the body only after.
                await stop.CancelAsync();
                try { await validation; } catch (OperationCanceledException) { }
            }
        }
    }

    /// <summary>
    /// The first stage: reads the body, checks every feature and, while there is no error, sends the version rows of
    /// each batch to the writer; at the first error it sends an empty batch (stop writing) and goes on checking.
    /// Returns the number of features and the problem, if any. Touches no database.
    /// </summary>
    private async Task<(int Count, ProblemResult? Problem)> ValidateAsync(string format, Stream body, Crs crs, string owner, string? organisationType,
        Func<string, Guid?> plans, ChannelWriter<DevelopmentVersion[]> valid, CancellationToken ct)
    {
        var limits = options.Value.Limits;
        var errors = new ImportErrors();
        var firstSeen = new Dictionary<string, (int Index, int? Row)>(StringComparer.Ordinal);
        var count = 0;
        try
        {
            await foreach (var batch in Batches(format, body, limits, ct))
            {
                count += batch.Count;
                var read = Read(batch, crs, owner, organisationType, format);
                var planIds = new Guid?[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    if (read[i].Input is not { } input) continue;
                    if (firstSeen.TryGetValue(input.ExternalId, out var earlier))
                        read[i].Cross.Add(Locate(new FieldError("/properties/externalId", "duplicateExternalId",
                            $"externalId '{input.ExternalId}' also appears at {(ByRow(format) ? $"row {earlier.Row}" : $"feature {earlier.Index}")}"), batch[i], format));
                    else firstSeen[input.ExternalId] = (batch[i].Index, batch[i].Row);
                    if (input.Plan is { } planRef && (planIds[i] = plans(planRef)) is null)
                        read[i].Late.Add(Locate(new FieldError("/properties/plan", "unknownPlan", $"no plan '{planRef}' of {owner}"), batch[i], format));
                }
                var before = errors.Total;
                foreach (var r in read) errors.Add([.. r.Own, .. r.Cross, .. r.Rules, .. r.Late]);
                if (errors.Total == 0) await valid.WriteAsync(Derive(read, planIds, owner), ct);
                else if (before == 0) await valid.WriteAsync([], ct);
            }
            if (count == 0 && errors.Total == 0 && ByRow(format))
                errors.Add([new FieldError("", "empty", format == "csv" ? "the CSV has no data rows" : "the GeoPackage's feature table has no rows") { Row = format == "csv" ? 2 : 1 }]);
            return (count, errors.Total > 0 ? Rejected(errors) : null);
        }
        catch (DocumentProblem p)
        {
            return (count, p.Problem);
        }
        catch (JsonException e)
        {
            return (count, RequestBody.JsonProblem(e, limits.MaxJsonDepth));
        }
        finally
        {
            valid.Complete();
        }
    }

    private static ProblemResult Conflict() =>
        Problems.Conflict("Another write changed some of these developments while the import ran; nothing was stored. Retry the import.");

    /// <summary>The version rows of a valid batch: defaults and the areas each development lies in (in parallel).</summary>
    private DevelopmentVersion[] Derive(ReadFeature[] read, Guid?[] planIds, string owner)
    {
        var settings = options.Value;
        var rows = new DevelopmentVersion[read.Length];
        Parallel.For(0, read.Length, i =>
        {
            var input = read[i].Input!;
            rows[i] = input.ToVersion(owner, planIds[i], DefaultVisibility.For(input, settings), AreaCatalogue.Instance.Derive(input.Geometry));
        });
        return rows;
    }

    /// <summary>The first <see cref="MaxListedErrors"/> errors in document order, and how many there were.</summary>
    private sealed class ImportErrors
    {
        public List<FieldError> Listed { get; } = [];
        public int Total { get; private set; }

        public void Add(IReadOnlyList<FieldError> errors)
        {
            Total += errors.Count;
            foreach (var e in errors)
                if (Listed.Count < MaxListedErrors) Listed.Add(e);
        }
    }

    private static ProblemResult Rejected(ImportErrors errors)
    {
        var listed = errors.Listed;
        var summary = $"Nothing was imported: {errors.Total} error{(errors.Total == 1 ? "" : "s")}"
            + (errors.Total > MaxListedErrors ? $" (the first {MaxListedErrors} are listed)" : "");
        var first = listed[0];
        var where = first.Row is { } row ? $"row {row}{(first.Column is { } c ? $", column {c}" : "")}" : $"feature {first.Index}, {first.Pointer}";
        return Problems.BadRequest($"{summary}; the first at {where}: {first.Message}.", listed);
    }
}
