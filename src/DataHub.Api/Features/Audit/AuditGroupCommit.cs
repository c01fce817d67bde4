using System.Threading.Channels;

namespace DataHub.Api.Features.Audit;

/// <summary>
/// Group commit for read audit events: a read is answered only once its event is durable, and reads that arrive while
/// a commit is under way share the next transaction (one fsync for many reads instead of one each). Events are written
/// in arrival order by one writer; a failed commit fails every read that waited on it (they answer 500, nothing is
/// shown without its audit event).
/// </summary>
public sealed class AuditGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 2000;
    private readonly Channel<(IReadOnlyList<AuditEvent> Events, TaskCompletionSource Durable)> _queue =
        Channel.CreateUnbounded<(IReadOnlyList<AuditEvent>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly Task _writer;

    public AuditGroupCommit(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Completes when the events are committed.</summary>
    public Task AppendAsync(IReadOnlyList<AuditEvent> events)
    {
        if (events.Count == 0) return Task.CompletedTask;
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((events, durable)))
            durable.SetException(new InvalidOperationException("The hub is stopping; the read could not be audited."));
        return durable.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<(IReadOnlyList<AuditEvent> Events, TaskCompletionSource Durable)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var events = 0;
            while (events < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
                events += item.Events.Count;
            }
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DataHubDb>();
                // One transaction for the whole group, written by the bulk path (a page of shared records read by a
                // province is an event per owner, so a busy hub writes thousands a second; EF's tracking cost more than the I/O).
                await using var transaction = await db.Database.BeginTransactionAsync();
                await BulkInsert.InsertAsync(db, [.. batch.SelectMany(b => b.Events)], includeKey: false, CancellationToken.None);
                await transaction.CommitAsync();
                foreach (var (_, durable) in batch) durable.SetResult();
            }
            catch (Exception e)
            {
                foreach (var (_, durable) in batch) durable.SetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
