using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Infrastructure.Outbox;

/// <summary>
/// Claims outbox rows for one node with a conditional UPDATE, the same statement on SQLite and
/// PostgreSQL: a row changes hands only while it is unprocessed and its lease is free or expired.
/// SQLite runs writers one at a time, so the second of two racing claims sees the first one's lease;
/// PostgreSQL makes the second UPDATE wait for the first one's row lock and then re-checks the WHERE
/// on the committed row (READ COMMITTED), so it skips every row the first one took.
/// </summary>
public static class OutboxLease
{
    public static async Task<List<OutboxMessage>> ClaimAsync(SoriDbContext db, string nodeId, OutboxOptions o, DateTime now, CancellationToken ct)
    {
        var ids = await CandidatesAsync(db, o, now, ct);
        return ids.Count == 0 ? [] : await ClaimAsync(db, ids, nodeId, o, now, ct);
    }

    /// <summary>Due rows, oldest first: only a proposal, since another node may claim them a moment later.</summary>
    public static Task<List<long>> CandidatesAsync(SoriDbContext db, OutboxOptions o, DateTime now, CancellationToken ct) =>
        Candidates(db, o, now).ToListAsync(ct);

    /// <summary>The query behind <see cref="CandidatesAsync"/>, read through the index of pending rows.</summary>
    public static IQueryable<long> Candidates(SoriDbContext db, OutboxOptions o, DateTime now) =>
        Due(db, now, o.MaxAttempts).OrderBy(m => m.Id).Take(o.BatchSize).Select(m => m.Id);

    /// <summary>Takes those of <paramref name="ids"/> that are still free and returns them; the rest went to another node.</summary>
    public static async Task<List<OutboxMessage>> ClaimAsync(SoriDbContext db, IReadOnlyCollection<long> ids, string nodeId, OutboxOptions o,
        DateTime now, CancellationToken ct)
    {
        var until = now + o.LeaseDuration;
        // The due conditions are repeated here: this UPDATE, not the proposal, decides who gets a row.
        await Due(db, now, o.MaxAttempts).Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LockedBy, nodeId)
            .SetProperty(m => m.LockedUntil, until)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        // Node ids are unique per worker and a worker finishes a batch before claiming again, so
        // "ours among the candidates" is exactly what this UPDATE won.
        return await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id) && m.LockedBy == nodeId).OrderBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>Marks the row done while this node still holds it; false when the lease was lost (expired and taken).</summary>
    public static async Task<bool> CompleteAsync(SoriDbContext db, long id, string nodeId, DateTime now, CancellationToken ct) =>
        await CompleteAsync(db, [id], nodeId, now, ct) == 1;

    /// <summary>Marks all of <paramref name="ids"/> done while this node holds them; returns how many it still held.</summary>
    public static Task<int> CompleteAsync(SoriDbContext db, IReadOnlyCollection<long> ids, string nodeId, DateTime now, CancellationToken ct) =>
        db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.LockedBy == nodeId && m.ProcessedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ProcessedAt, now)
            .SetProperty(m => m.LockedBy, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), ct);

    public static Task<int> FailAsync(SoriDbContext db, long id, string nodeId, string error, DateTime retryAt, CancellationToken ct) =>
        db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == nodeId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.AvailableAt, retryAt)
            .SetProperty(m => m.LockedBy, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), ct);

    /// <summary>Hands unstarted rows back on shutdown, uncounted, so another node need not wait for the lease to expire.</summary>
    public static Task<int> ReleaseAsync(SoriDbContext db, IReadOnlyCollection<long> ids, string nodeId, CancellationToken ct) =>
        db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.LockedBy == nodeId && m.ProcessedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, m => m.Attempts - 1)
            .SetProperty(m => m.LockedBy, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), ct);

    private static IQueryable<OutboxMessage> Due(SoriDbContext db, DateTime now, int maxAttempts) =>
        db.OutboxMessages.Where(m => m.ProcessedAt == null && m.AvailableAt <= now && m.Attempts < maxAttempts
            && (m.LockedUntil == null || m.LockedUntil < now));
}
