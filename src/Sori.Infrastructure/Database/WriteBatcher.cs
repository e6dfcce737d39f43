using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sori.Core.Data;

namespace Sori.Infrastructure.Database;

/// <summary>
/// Group commit. A writer takes every unit that is waiting, runs them on one context and transaction,
/// commits once, and only then answers the callers. SQLite has one writer per process; PostgreSQL has
/// <see cref="DatabaseOptions.WriteLanes"/> of them, so one batch's round trips overlap with another's,
/// and units with the same affinity (a customer's address) always go to the same one.
/// On SQLite, which has one writer at a time and writes every touched page to the WAL per commit, a
/// ticket committed alone costs ~50 page writes and holds the write gate while its thread competes for
/// the CPU. On PostgreSQL, a transaction per ticket costs a round trip per statement and a WAL flush per
/// commit; together, the statements of a batch go in a few round trips and one flush.
/// Units that only stage their changes (<see cref="IWriteRunner.StageAsync{T}"/>) are saved together in
/// one SaveChanges first; the units that save for themselves follow, one after another, without
/// savepoints (on PostgreSQL a savepoint and its release are two more round trips per unit). When any
/// unit or save throws, that whole attempt is rolled back and the batch runs again unit by unit, each in
/// its own savepoint, so the failing unit gets its own exception and the others are unaffected. A unit
/// that loses a race with another process (a unique index, a concurrency token, a deadlock) runs once
/// more on a clean context and then finds the winner's row. If the commit itself fails, every unit of
/// the batch fails.
/// </summary>
public sealed class WriteBatcher(IServiceScopeFactory scopes, ILogger<WriteBatcher> log, DatabaseOptions options) : IWriteRunner, IAsyncDisposable
{
    /// <summary>Units per transaction at most; more waiting units go into the next one.</summary>
    public const int MaxBatch = 128;

    // A lane is one writer: a queue and the loop that empties it batch by batch. SQLite has one lane; on
    // PostgreSQL several batches commit at once, and a unit's affinity picks its lane.
    private readonly Lane[] _lanes = Enumerable.Range(0, options.EffectiveWriteLanes).Select(_ => new Lane()).ToArray();
    private readonly CancellationTokenSource _stopping = new();
    private int _roundRobin;

    public Task<T> RunAsync<T>(WriteUnit<T> unit, CancellationToken ct, string? affinity = null) =>
        Enqueue(new WorkItem<T>(unit, staged: false, ct), affinity, ct);

    public Task<T> StageAsync<T>(WriteUnit<T> unit, CancellationToken ct, string? affinity = null) =>
        Enqueue(new WorkItem<T>(unit, staged: true, ct), affinity, ct);

    private Task<T> Enqueue<T>(WorkItem<T> item, string? affinity, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var lane = _lanes[_lanes.Length == 1 ? 0
            : (int)((uint)(affinity is null ? Interlocked.Increment(ref _roundRobin) : StringComparer.Ordinal.GetHashCode(affinity)) % (uint)_lanes.Length)];
        EnsureStarted(lane);
        if (!lane.Queue.Writer.TryWrite(item)) throw new ObjectDisposedException(nameof(WriteBatcher), "Sori is shutting down.");
        return item.Task;
    }

    private void EnsureStarted(Lane lane)
    {
        if (lane.Loop is not null) return;
        lock (lane.StartLock) lane.Loop ??= Task.Run(() => LoopAsync(lane));
    }

    private async Task LoopAsync(Lane lane)
    {
        var batch = new List<WorkItem>(MaxBatch);
        try
        {
            while (await lane.Queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && lane.Queue.Reader.TryRead(out var item))
                {
                    if (item.CallerCancelled) item.Cancel();
                    else batch.Add(item);
                }
                if (batch.Count > 0) await RunBatchAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
        while (lane.Queue.Reader.TryRead(out var left)) left.Fail(new ObjectDisposedException(nameof(WriteBatcher), "Sori is shutting down."));
    }

    private sealed class Lane
    {
        public readonly Channel<WorkItem> Queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
        public readonly Lock StartLock = new();
        public Task? Loop;
    }

    private async Task RunBatchAsync(List<WorkItem> batch)
    {
        var ct = _stopping.Token;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            db.Database.AutoSavepointsEnabled = false;
            var succeeded = await AllAtOnceAsync(db, batch, ct) ?? await OneByOneAsync(db, batch, ct);
            DatabaseMetrics.Batched(batch.Count);
            foreach (var item in succeeded) item.Complete();
        }
        catch (Exception e)
        {
            if (!_stopping.IsCancellationRequested) log.LogError(e, "A batch of {Count} writes failed as a whole", batch.Count);
            foreach (var item in batch) item.Fail(e);
        }
    }

    /// <summary>
    /// The fast way: every staged unit adds its changes to one context and they are saved together, then
    /// the units that save for themselves run one after another on the same transaction, without
    /// savepoints. Returns null, with nothing written, when any unit or save throws; the caller then runs
    /// the batch one by one so that only the failing unit fails (units may run twice).
    /// </summary>
    private static async Task<List<WorkItem>?> AllAtOnceAsync(SoriDbContext db, List<WorkItem> batch, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (batch.Any(i => i.Staged))
            {
                // Staged units add and attach. A unit that looks in DbSet.Local (has another unit staged
                // this customer?) would otherwise make EF compare every entity staged so far with its
                // snapshot, once per unit; SaveChanges detects the changes once for the whole batch.
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                try
                {
                    foreach (var item in batch)
                        if (item.Staged) await item.RunAsync(db, ct);
                }
                finally
                {
                    db.ChangeTracker.AutoDetectChangesEnabled = true;
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            foreach (var item in batch)
            {
                if (item.Staged) continue;
                await item.RunAsync(db, ct);
                db.ChangeTracker.Clear();
            }
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return null;
        }
        await tx.CommitAsync(ct);
        return batch;
    }

    /// <summary>Each unit in its own savepoint (staged ones save right after staging): a unit that throws is undone alone.</summary>
    private static async Task<List<WorkItem>> OneByOneAsync(SoriDbContext db, List<WorkItem> batch, CancellationToken ct)
    {
        var succeeded = new List<WorkItem>(batch.Count);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var item in batch)
            if (await RunInSavepointAsync(db, tx, item, ct)) succeeded.Add(item);
        await tx.CommitAsync(ct);
        return succeeded;
    }

    private static async Task<bool> RunInSavepointAsync(SoriDbContext db, IDbContextTransaction tx, WorkItem item, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await tx.CreateSavepointAsync("unit", ct);
            try
            {
                await item.RunAsync(db, ct);
                if (item.Staged) await db.SaveChangesAsync(ct);
                await tx.ReleaseSavepointAsync("unit", ct);
                return true;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A constraint error leaves the transaction open; an I/O error may have ended it,
                // and then rolling back to the savepoint throws and the whole batch fails.
                await tx.RollbackToSavepointAsync("unit", ct);
                await tx.ReleaseSavepointAsync("unit", ct);
                if (attempt == 1 && WriteConflict.LostRace(e)) continue;
                item.Fail(e);
                return false;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    // Registered under two service types, so the container disposes it twice.
    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        foreach (var lane in _lanes) lane.Queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        foreach (var lane in _lanes)
            if (lane.Loop is not null) await lane.Loop;
    }

    private abstract class WorkItem
    {
        public abstract bool Staged { get; }
        public abstract bool CallerCancelled { get; }
        public abstract Task RunAsync(SoriDbContext db, CancellationToken ct);
        public abstract void Complete();
        public abstract void Fail(Exception e);
        public abstract void Cancel();
    }

    private sealed class WorkItem<T>(WriteUnit<T> unit, bool staged, CancellationToken callerToken) : WorkItem
    {
        public override bool Staged => staged;
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;
        public override bool CallerCancelled => callerToken.IsCancellationRequested;
        public override async Task RunAsync(SoriDbContext db, CancellationToken ct) => _result = await unit(db, ct);
        public override void Complete() => _done.TrySetResult(_result);
        public override void Fail(Exception e) => _done.TrySetException(e);
        public override void Cancel() => _done.TrySetCanceled(callerToken);
    }
}
