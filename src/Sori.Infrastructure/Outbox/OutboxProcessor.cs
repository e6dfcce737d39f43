using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Infrastructure.Outbox;

/// <summary>What one pass did; <see cref="Claimed"/> equal to the batch size means more is probably waiting.</summary>
public sealed record OutboxPass(int Claimed, int Processed, int Failed);

/// <summary>
/// One pass over the outbox for one node: claim a batch under a lease, run every <see cref="IOutboxHandler"/>
/// for each message in the transaction that marks it processed, and push failures back with capped
/// exponential backoff. Any number of nodes may run passes at the same time.
/// </summary>
public sealed class OutboxProcessor(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxProcessor> log)
{
    private OutboxOptions O => options.Value;

    public async Task<OutboxPass> RunOnceAsync(string nodeId, CancellationToken ct)
    {
        List<OutboxMessage> batch;
        await using (var scope = scopes.CreateAsyncScope())
            batch = await OutboxLease.ClaimAsync(scope.ServiceProvider.GetRequiredService<SoriDbContext>(), nodeId, O, Now(), ct);

        if (batch.Count > 1 && await ProcessTogetherAsync(batch, nodeId, ct)) return new OutboxPass(batch.Count, batch.Count, 0);

        int processed = 0, failed = 0, i = 0;
        try
        {
            for (; i < batch.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                if (await ProcessAsync(batch[i], nodeId, ct)) processed++;
                else failed++;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReleaseAsync(batch.Skip(i).Select(m => m.Id).ToList(), nodeId);
            throw;
        }
        return new OutboxPass(batch.Count, processed, failed);
    }

    /// <summary>
    /// The common case: every handler succeeds, so the whole batch completes in one transaction (on
    /// SQLite one commit instead of one per message). If anything goes wrong the transaction rolls back
    /// and the batch goes one message at a time, so failures are retried and recorded per message.
    /// </summary>
    private async Task<bool> ProcessTogetherAsync(List<OutboxMessage> batch, string nodeId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await OutboxLease.CompleteAsync(db, batch.Select(m => m.Id).ToList(), nodeId, Now(), ct) != batch.Count) return false;
            var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToList();
            foreach (var message in batch)
                foreach (var handler in handlers)
                    await handler.HandleAsync(message, ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogDebug(e, "A batch of {Count} outbox messages failed together; running them one by one", batch.Count);
            return false;
        }
    }

    private async Task<bool> ProcessAsync(OutboxMessage message, string nodeId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Completing first takes the row's write lock before any handler runs, and fences a node whose lease lapsed.
            if (!await OutboxLease.CompleteAsync(db, message.Id, nodeId, Now(), ct))
            {
                log.LogWarning("Outbox message {Id} was taken over by another node before {Node} ran it", message.Id, nodeId);
                return false;
            }
            foreach (var handler in scope.ServiceProvider.GetServices<IOutboxHandler>())
                await handler.HandleAsync(message, ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await FailAsync(message, nodeId, e);
            return false;
        }
    }

    private async Task FailAsync(OutboxMessage message, string nodeId, Exception error)
    {
        var delay = Backoff.Exponential(message.Attempts, O.RetryBaseDelay, O.RetryMaxDelay);
        var giveUp = message.Attempts >= O.MaxAttempts;
        if (giveUp) log.LogError(error, "Outbox message {Id} ({Type}) failed {Attempts} times; leaving it for an operator", message.Id, message.Type, message.Attempts);
        else log.LogWarning(error, "Outbox message {Id} ({Type}) failed (attempt {Attempts}); retrying in {Delay}", message.Id, message.Type, message.Attempts, delay);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            await OutboxLease.FailAsync(db, message.Id, nodeId, Truncate(error), Now() + delay, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The database is the problem: the lease runs out and the message is retried then.
            log.LogWarning(e, "Could not record the failure of outbox message {Id}", message.Id);
        }
    }

    private async Task ReleaseAsync(IReadOnlyCollection<long> ids, string nodeId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await OutboxLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<SoriDbContext>(), ids, nodeId, CancellationToken.None);
        }
        catch (Exception e) { log.LogDebug(e, "Releasing {Count} outbox messages on shutdown failed; their lease will expire", ids.Count); }
    }

    internal static string Truncate(Exception e, int max = 2000)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length <= max ? text : text[..max];
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
