using System.Buffers;

namespace DataHub.Api.Features.DevelopmentImports;

/// <summary>
/// Reads a GeoJSON FeatureCollection from a stream one feature at a time, so that an import never holds the whole
/// document: each feature is handed out as its own small <see cref="JsonDocument"/>. Written by hand because
/// System.Text.Json streams only top-level values (<c>DeserializeAsyncEnumerable</c>) and the features of a
/// FeatureCollection are one level down: this walks the top level with <see cref="Utf8JsonReader"/> over a buffer
/// that is refilled from the stream, and copies out each complete feature. The members of the top-level object may
/// come in any order; <see cref="Type"/> and <see cref="FeaturesMember"/> say what was found once the stream ends.
/// A syntax error throws <see cref="JsonException"/> with its line and position in the whole document.
/// </summary>
public sealed class FeatureCollectionReader(Stream stream, int maxDepth) : IDisposable
{
    public enum Member { Missing, Array, NotArray }

    private enum Phase { BeforeRoot, InRoot, InFeatures, AfterRoot, Done }

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _start, _end;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = maxDepth });
    private Phase _phase = Phase.BeforeRoot;
    private readonly JsonDocumentOptions _documentOptions = new() { MaxDepth = maxDepth };

    /// <summary>Whether the document is a JSON object at all (known after the first <see cref="NextAsync"/>).</summary>
    public bool RootIsObject { get; private set; } = true;

    /// <summary>The top-level <c>type</c> member: its string, "" for a value that is not a string, null when absent.</summary>
    public string? Type { get; private set; }

    public Member FeaturesMember { get; private set; }

    /// <summary>The next feature (the caller disposes it), or null at the end of the document (or of a root that is not an object).</summary>
    public async ValueTask<JsonDocument?> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            if (Step(out var feature)) return feature;
            if (_phase == Phase.Done) return null;
            await FillAsync(ct);
        }
    }

    /// <summary>Advances over the buffered bytes: true with a feature when one is complete; false when more bytes are needed (or at the end).</summary>
    private bool Step(out JsonDocument? feature)
    {
        feature = null;
        var span = _buffer.AsSpan(_start, _end - _start);
        var reader = new Utf8JsonReader(span, _final, _state);
        while (_phase != Phase.Done)
        {
            var saved = reader; // a struct: where to resume when the buffer ends inside the next value
            if (!reader.Read())
            {
                if (_phase == Phase.AfterRoot && _final) { _phase = Phase.Done; break; }
                if (_final) throw new JsonException("The JSON ends before the FeatureCollection does.");
                return Suspend(saved);
            }
            switch (_phase)
            {
                case Phase.BeforeRoot:
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        RootIsObject = false;
                        _phase = Phase.Done;
                        break;
                    }
                    _phase = Phase.InRoot;
                    break;
                case Phase.InRoot when reader.TokenType == JsonTokenType.EndObject:
                    _phase = Phase.AfterRoot;
                    break;
                case Phase.InRoot:
                    var name = reader.GetString();
                    if (!reader.Read()) return Suspend(saved);
                    if (name == "features" && reader.TokenType == JsonTokenType.StartArray)
                    {
                        FeaturesMember = Member.Array;
                        _phase = Phase.InFeatures;
                        break;
                    }
                    if (name == "features") FeaturesMember = Member.NotArray;
                    if (name == "type") Type = reader.TokenType == JsonTokenType.String ? reader.GetString() : "";
                    if (!reader.TrySkip()) return Suspend(saved);
                    break;
                case Phase.InFeatures when reader.TokenType == JsonTokenType.EndArray:
                    _phase = Phase.InRoot;
                    break;
                case Phase.InFeatures:
                    var begin = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip()) return Suspend(saved);
                    feature = JsonDocument.Parse(span[begin..(int)reader.BytesConsumed].ToArray(), _documentOptions);
                    Suspend(reader);
                    return true;
                case Phase.AfterRoot:
                    break; // the reader itself throws on a second top-level value
            }
        }
        Suspend(reader);
        return false;
    }

    /// <summary>Keeps the reader's state and drops the bytes it consumed; returns false (no feature).</summary>
    private bool Suspend(Utf8JsonReader at)
    {
        _state = at.CurrentState;
        _start += (int)at.BytesConsumed;
        return false;
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        if (_final) throw new InvalidOperationException("the reader asked for more bytes after the end of the stream");
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            // One value (a feature or another top-level member) is larger than the buffer: grow it.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
        if (read == 0) _final = true;
        _end += read;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
