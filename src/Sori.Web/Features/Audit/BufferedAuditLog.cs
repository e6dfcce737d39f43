using System.Threading.Channels;
using Sori.Core.Audit;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Web.Features.Audit;

/// <summary>
/// Audit entries are queued in memory and written in batches by <see cref="AuditWriterWorker"/>,
/// so auditing every read costs the request nothing. The queue is flushed on shutdown.
/// </summary>
public sealed class BufferedAuditLog(TimeProvider clock) : IAuditLog
{
    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private long _queued;
    private long _written;

    public ChannelReader<AuditEntry> Reader => _queue.Reader;

    internal void MarkWritten(int count) => Interlocked.Add(ref _written, count);

    /// <summary>Waits until everything recorded so far is in the database (tests, orderly shutdown).</summary>
    public async Task WaitUntilWrittenAsync(TimeSpan timeout)
    {
        var target = Interlocked.Read(ref _queued);
        var deadline = DateTime.UtcNow + timeout;
        while (Interlocked.Read(ref _written) < target)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Audit entries not written within {timeout}.");
            await Task.Delay(20);
        }
    }

    public void Record(Actor actor, string action, string entityType, long? entityId, long? customerId, string? details = null)
    {
        var entry = new AuditEntry(actor, action, entityType, entityId, customerId, clock.GetUtcNow().UtcDateTime, details);
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(entry))
            _queue.Writer.WriteAsync(entry).AsTask().GetAwaiter().GetResult(); // back-pressure only when 100k are pending
    }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Writes what is queued now; for processes that do not run <see cref="AuditWriterWorker"/> (the command line).</summary>
    public async Task FlushAsync(IServiceProvider services)
    {
        var batch = new List<AuditEntry>();
        while (_queue.Reader.TryRead(out var e)) batch.Add(e);
        if (batch.Count == 0) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        db.AuditEntries.AddRange(batch);
        await db.SaveChangesAsync();
        MarkWritten(batch.Count);
    }
}

public sealed class AuditWriterWorker(BufferedAuditLog log, IServiceScopeFactory scopes, ILogger<AuditWriterWorker> logger) : BackgroundService
{
    private const int BatchSize = 500;
    /// <summary>Lets entries gather after the first one arrives: one write per interval under load, not one per request.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = log.Reader;
        var batch = new List<AuditEntry>(BatchSize);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, stoppingToken);
                while (batch.Count < BatchSize && reader.TryRead(out var e)) batch.Add(e);
                await WriteAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) { }
        while (reader.TryRead(out var rest)) batch.Add(rest);
        await WriteAsync(batch, CancellationToken.None);
    }

    private async Task WriteAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
                db.AuditEntries.AddRange(batch);
                await db.SaveChangesAsync(ct);
                log.MarkWritten(batch.Count);
                batch.Clear();
                return;
            }
            catch (Exception e) when (attempt < 5)
            {
                logger.LogWarning(e, "Writing {Count} audit entries failed (attempt {Attempt}); retrying", batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        log.Complete();
        await base.StopAsync(cancellationToken);
    }
}
