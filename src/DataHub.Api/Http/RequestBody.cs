namespace DataHub.Api.Http;

/// <summary>Reads request bodies with the hub's limits: media type (415), size (413), JSON syntax and depth (400).</summary>
public static class RequestBody
{
    public static readonly string[] GeoJsonTypes = ["application/geo+json", "application/json"];

    /// <summary>The body's media type when it is one of <paramref name="accepted"/>, else a 415 problem.</summary>
    public static (string? MediaType, ProblemResult? Problem) MediaType(HttpRequest request, params string[] accepted)
    {
        var ct = request.ContentType;
        if (string.IsNullOrWhiteSpace(ct))
            return (null, Problems.UnsupportedMediaType($"Content-Type is missing; send one of {string.Join(", ", accepted)}."));
        var mediaType = ct.Split(';')[0].Trim().ToLowerInvariant();
        return Array.IndexOf(accepted, mediaType) >= 0
            ? (mediaType, null)
            : (null, Problems.UnsupportedMediaType($"Content-Type '{mediaType}' is not accepted here; send one of {string.Join(", ", accepted)}."));
    }

    /// <summary>Reads the whole body up to <paramref name="limit"/> bytes.</summary>
    public static async Task<(byte[]? Bytes, ProblemResult? Problem)> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var problem = await CopyAsync(request, buffer, limit, ct);
        return problem is null ? (buffer.ToArray(), null) : (null, problem);
    }

    /// <summary>
    /// Copies the body, up to <paramref name="limit"/> bytes, to a temporary file that is deleted when the returned
    /// stream is closed, and rewinds it: a bulk import reads it from there as a stream, so the hub never holds the
    /// whole body in memory, and it starts its write transaction only once the client has sent everything (a slow
    /// upload must not hold the database's write lock).
    /// </summary>
    public static async Task<(Stream? Body, ProblemResult? Problem)> SpoolAsync(HttpRequest request, long limit, CancellationToken ct, bool binary = false)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"datahub-upload-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            var problem = await CopyAsync(request, file, limit, ct, binary);
            if (problem is not null)
            {
                await file.DisposeAsync();
                return (null, problem);
            }
            file.Position = 0;
            return (file, null);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Copies the body to <paramref name="destination"/>, checking on the way its size (413), that it is not empty and
    /// that it holds no NUL character (400), also an escaped one split over two reads. A binary body (a GeoPackage) is
    /// not checked for NUL bytes: its reader checks the text values it takes from it.
    /// </summary>
    private static async Task<ProblemResult?> CopyAsync(HttpRequest request, Stream destination, long limit, CancellationToken ct, bool binary = false)
    {
        if (request.ContentLength > limit)
            return Problems.TooLarge($"The body is {request.ContentLength} bytes; at most {limit} are accepted here.");
        var chunk = new byte[1 << 16];
        var carry = 0; // the last bytes of the previous read, so that an escaped NUL split over two reads is found
        long length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(chunk.AsMemory(carry), ct)) > 0)
        {
            length += read;
            if (length > limit) return Problems.TooLarge($"The body exceeds {limit} bytes, the most accepted here.");
            if (!binary && HasNul(chunk.AsSpan(0, carry + read))) return NulProblem();
            await destination.WriteAsync(chunk.AsMemory(carry, read), ct);
            var kept = Math.Min(EscapedNul.Length - 1, carry + read);
            Buffer.BlockCopy(chunk, carry + read - kept, chunk, 0, kept);
            carry = kept;
        }
        return length == 0 ? Problems.BadRequest("The request body is empty.") : null;
    }

    private static readonly byte[] EscapedNul = "\\u0000"u8.ToArray();

    /// <summary>
    /// Whether a text body holds a NUL character (U+0000), raw or as a JSON escape. No text value may hold one: PostgreSQL
    /// cannot store it, and no plan or capacity map needs it.
    /// </summary>
    public static bool HasNul(ReadOnlySpan<byte> bytes) => bytes.IndexOf((byte)0) >= 0 || bytes.IndexOf(EscapedNul) >= 0;

    public static bool HasNul(string text) => text.Contains('\0') || text.Contains("\\u0000", StringComparison.Ordinal);

    public static ProblemResult NulProblem(string? parameter = null) => Problems.Validation(
        [new FieldError("", "nulCharacter", "text may not contain the NUL character (U+0000)") { Parameter = parameter }],
        parameter is null ? "The body is not valid" : "The query is not valid");

    /// <summary>Parses JSON with a depth limit; a syntax error names its line and byte position.</summary>
    public static (JsonDocument? Document, ProblemResult? Problem) ParseJson(byte[] bytes, int maxDepth)
    {
        try
        {
            return (JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = maxDepth }), null);
        }
        catch (JsonException e)
        {
            return (null, JsonProblem(e, maxDepth));
        }
    }

    /// <summary>The 400 problem for a JSON syntax or depth error, naming its line and byte position when known.</summary>
    public static ProblemResult JsonProblem(JsonException e, int maxDepth)
    {
        var depth = e.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase);
        var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
        return Problems.BadRequest(depth
            ? $"The JSON is nested deeper than {maxDepth} levels{where}."
            : $"The body is not valid JSON{where}: {FirstSentence(e.Message)}",
            [new FieldError("", depth ? "tooDeep" : "malformedJson", depth ? $"nested deeper than {maxDepth} levels" : "not valid JSON")]);
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..(i + 1)] : message;
    }

    /// <summary>Media type, size and JSON syntax of a body in one step; the caller disposes the document.</summary>
    public static async Task<(JsonDocument? Document, ProblemResult? Problem)> ReadJsonAsync(HttpRequest request, LimitOptions limits,
        string[] mediaTypes, CancellationToken ct)
    {
        var (_, typeProblem) = MediaType(request, mediaTypes);
        if (typeProblem is not null) return (null, typeProblem);
        var (bytes, sizeProblem) = await ReadAsync(request, limits.MaxBodyBytes, ct);
        if (sizeProblem is not null) return (null, sizeProblem);
        return ParseJson(bytes!, limits.MaxJsonDepth);
    }

    /// <summary>
    /// A JSON body validated by a feature's pure reader: the request it reads, or the problem that names every error
    /// with its pointer (or the media type, size or syntax problem before that).
    /// </summary>
    public static async Task<(T? Request, ProblemResult? Problem)> ReadValidAsync<T>(HttpRequest request, LimitOptions limits,
        Func<JsonElement, ErrorCollector, T?> read, string invalid, CancellationToken ct) where T : class
    {
        var (doc, problem) = await ReadJsonAsync(request, limits, ["application/json"], ct);
        if (problem is not null) return (null, problem);
        using (doc)
        {
            var errors = new ErrorCollector();
            var value = read(doc!.RootElement, errors);
            return value is null ? (null, Problems.Validation(errors.Errors, invalid)) : (value, null);
        }
    }

    /// <summary>
    /// Optimistic concurrency: a write to an existing record names the version it replaces in If-Match
    /// (428 when missing, 412 when stale). Weak tags and * are accepted.
    /// </summary>
    public static ProblemResult? CheckIfMatch(HttpRequest request, int currentVersion, string what) =>
        Operations.Precondition.Check(request.Headers.IfMatch.ToString(), currentVersion, what);

    public static string ETag(int version) => Operations.Precondition.ETag(version);

    /// <summary>The CRS of the body from Content-Crs (CRS84 when absent), or a 400 problem naming the header.</summary>
    public static (Spatial.Crs? Crs, ProblemResult? Problem) ContentCrs(HttpRequest request) =>
        CrsParameter(request.Headers["Content-Crs"].ToString(), "Content-Crs");

    /// <summary>The imports' query: <c>dryRun</c> validates and reports what would change, and stores nothing.</summary>
    public sealed record ImportQuery(
        [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "dryRun"), System.ComponentModel.Description("validate and report what would change without storing anything")] bool? DryRun);

    /// <summary>
    /// The <c>asOf</c> query parameter: a past moment (RFC 3339, UTC assumed) at which a read sees the data as it was
    /// then — e.g. a programme cycle's frozen baseline. Absent: now.
    /// </summary>
    public static (DateTime? AsOf, ProblemResult? Problem) AsOf(HttpRequest request) => AsOf(request.Query[Operations.AsOf.Parameter].ToString(), request);

    /// <summary>An <c>asOf</c> value already bound from the query (a query record's property), read by the one rule.</summary>
    public static (DateTime? AsOf, ProblemResult? Problem) AsOf(string? raw, HttpRequest request)
    {
        var (at, error) = Operations.AsOf.Parse(raw, request.HttpContext.RequestServices.GetRequiredService<TimeProvider>());
        return error is null ? (at, null) : (null, Problems.Validation([error]));
    }

    public static (Spatial.Crs? Crs, ProblemResult? Problem) CrsParameter(string? value, string parameter)
    {
        var crs = Spatial.Crs.Parse(value);
        return crs is not null ? (crs, null) : (null, Problems.BadRequest(
            $"{parameter} '{value}' is not a supported CRS; use one of {Spatial.Crs.SupportedList}.",
            [new FieldError("", "unknownCrs", $"unsupported CRS '{value}'") { Parameter = parameter }]));
    }
}
