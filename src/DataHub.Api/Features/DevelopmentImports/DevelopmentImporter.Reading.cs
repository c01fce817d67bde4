using System.Diagnostics;
using System.Threading.Channels;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Plans;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.DevelopmentImports;

/// <summary>The importer's first stage: the source read in batches (GeoJSON or CSV), each feature read and checked, and its errors located in the source.</summary>
public sealed partial class DevelopmentImporter
{
    /// <summary>The features in batches, from the GeoJSON or the CSV stream; a problem with the document as a whole throws <see cref="DocumentProblem"/>.</summary>
    private static async IAsyncEnumerable<List<SourceFeature>> Batches(string format, Stream body, LimitOptions limits,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<SourceFeature>(BatchSize);
        var index = 0;
        void CheckLimit()
        {
            if (index >= limits.MaxImportFeatures)
                throw new DocumentProblem(Problems.TooLarge($"The import has more than {limits.MaxImportFeatures} features; at most that many per import."));
        }
        if (ByRow(format))
        {
            // A GeoPackage arrives as a file (SQLite reads it by path); its layer was checked before the import began.
            var rows = format == "gpkg" && body is FileStream file && GeoPackageDevelopments.Describe(file.Name) is ({ } layer, null)
                ? GeoPackageDevelopments.Read(file.Name, layer) : CsvDevelopments.Read(body);
            foreach (var row in rows)
            {
                if (row.Feature is not null) CheckLimit();
                batch.Add(new SourceFeature(index, row.Number, row.Feature, row.Errors));
                if (row.Feature is not null) index++;
                if (batch.Count == BatchSize) { yield return batch; batch = new(BatchSize); }
            }
        }
        else
        {
            using var reader = new FeatureCollectionReader(body, limits.MaxJsonDepth);
            while (await reader.NextAsync(ct) is { } feature)
            {
                if (reader.Type is { } type && type != "FeatureCollection") { feature.Dispose(); throw new DocumentProblem(NotAFeatureCollection()); }
                CheckLimit();
                batch.Add(new SourceFeature(index++, null, feature, []));
                if (batch.Count == BatchSize) { yield return batch; batch = new(BatchSize); }
            }
            if (!reader.RootIsObject || reader.Type != "FeatureCollection") throw new DocumentProblem(NotAFeatureCollection());
            if (reader.FeaturesMember != FeatureCollectionReader.Member.Array)
                throw new DocumentProblem(Problems.Validation([new FieldError("/features", "required", "features must be an array of development Features")]));
            if (index == 0) throw new DocumentProblem(Problems.Validation([new FieldError("/features", "empty", "the import has no features")]));
        }
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>Formats whose errors are located by row and column (CSV, GeoPackage) rather than by JSON pointer.</summary>
    private static bool ByRow(string format) => format is "csv" or "gpkg";

    private static ProblemResult NotAFeatureCollection() =>
        Problems.Validation([new FieldError("/type", "invalidValue", "an import is a GeoJSON FeatureCollection")]);

    /// <summary>A feature read: its input (null when unreadable) and its errors, in the order they are reported.</summary>
    private sealed record ReadFeature(DevelopmentInput? Input, IReadOnlyList<FieldError> Own, IReadOnlyList<FieldError> Rules)
    {
        /// <summary>Errors that need the other features (duplicates).</summary>
        public List<FieldError> Cross { get; } = [];
        /// <summary>Errors that need the database (unknown plans).</summary>
        public List<FieldError> Late { get; } = [];
    }

    /// <summary>Reads and checks a batch in parallel (the documents are disposed); results keep their order.</summary>
    private static ReadFeature[] Read(List<SourceFeature> batch, Crs crs, string owner, string? organisationType, string format)
    {
        var read = new ReadFeature[batch.Count];
        Parallel.For(0, batch.Count, i =>
        {
            var source = batch[i];
            using var document = source.Document;
            if (document is null || source.Errors.Count > 0)
            {
                read[i] = new ReadFeature(null, source.Errors, []);
                return;
            }
            var collector = new ErrorCollector(ByRow(format) ? "" : $"/features/{source.Index}");
            var input = DevelopmentReader.Read(document.RootElement, crs, owner, collector);
            var own = ByRow(format)
                ? collector.Errors.Select(e => e with { Row = source.Row, Column = ColumnOf(e.Pointer) }).ToList()
                : collector.Errors.Select(e => e with { Index = source.Index }).ToList();
            var rules = input is null ? [] : SubmissionRules.Check(input, organisationType).Select(e => Locate(e, source, format)).ToList();
            read[i] = new ReadFeature(input, own, rules);
        });
        return read;
    }

    /// <summary>The CSV column a feature pointer came from.</summary>
    private static string? ColumnOf(string pointer)
    {
        if (pointer.StartsWith("/geometry")) return "wkt|x,y";
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return null;
        return parts[1] switch
        {
            "source" when parts.Length > 2 => parts[2] switch { "url" => "sourceUrl", "contact" when parts.Length > 3 => "contact" + char.ToUpperInvariant(parts[3][0]) + parts[3][1..], var p => p },
            "quantities" when parts.Length > 3 && parts[3] == "unit" => "unit",
            "energy" when parts.Length > 3 && parts[3] == "carrier" => "energyCarrier",
            "energy" when parts.Length > 3 => parts[3],
            var p => p,
        };
    }

    private static FieldError Locate(FieldError e, SourceFeature f, string format) => ByRow(format)
        ? e with { Row = f.Row, Column = ColumnOf(e.Pointer) }
        : e with { Pointer = $"/features/{f.Index}{e.Pointer}", Index = f.Index };
}
