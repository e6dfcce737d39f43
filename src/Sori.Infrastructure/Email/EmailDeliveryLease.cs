using Microsoft.EntityFrameworkCore;
using Sori.Core.Channels.Email;
using Sori.Core.Data;

namespace Sori.Infrastructure.Email;

/// <summary>
/// Leases due email deliveries to one node with the same conditional UPDATE as the outbox and webhook
/// deliveries (see <see cref="Outbox.OutboxLease"/>), and records each attempt only while the node holds the lease.
/// </summary>
public static class EmailDeliveryLease
{
    public static async Task<List<EmailDelivery>> ClaimAsync(SoriDbContext db, string nodeId, int batchSize, TimeSpan lease, DateTime now, CancellationToken ct)
    {
        var ids = await Due(db, now).OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Take(batchSize).Select(d => d.Id).ToListAsync(ct);
        if (ids.Count == 0) return [];
        var until = now + lease;
        await Due(db, now).Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.LockedBy, nodeId)
            .SetProperty(d => d.LockedUntil, until)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        return await db.EmailDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id) && d.LockedBy == nodeId).OrderBy(d => d.Id).ToListAsync(ct);
    }

    public static Task<int> SucceedAsync(SoriDbContext db, long id, string nodeId, DateTime now, CancellationToken ct) =>
        db.EmailDeliveries.Where(d => d.Id == id && d.LockedBy == nodeId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, EmailDeliveryStatus.Sent)
            .SetProperty(d => d.SentAt, now)
            .SetProperty(d => d.LockedBy, (string?)null)
            .SetProperty(d => d.LockedUntil, (DateTime?)null), ct);

    /// <summary>Pending again at <paramref name="retryAt"/>, or failed for good when it is null.</summary>
    public static Task<int> FailAsync(SoriDbContext db, long id, string nodeId, string error, DateTime? retryAt, CancellationToken ct) =>
        db.EmailDeliveries.Where(d => d.Id == id && d.LockedBy == nodeId).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(d => d.Status, retryAt is null ? EmailDeliveryStatus.Failed : EmailDeliveryStatus.Pending)
             .SetProperty(d => d.LastError, error)
             .SetProperty(d => d.LockedBy, (string?)null)
             .SetProperty(d => d.LockedUntil, (DateTime?)null);
            if (retryAt is { } at) s.SetProperty(d => d.NextAttemptAt, at);
        }, ct);

    /// <summary>Hands unsent deliveries back on shutdown, uncounted.</summary>
    public static Task<int> ReleaseAsync(SoriDbContext db, IReadOnlyCollection<long> ids, string nodeId, CancellationToken ct) =>
        db.EmailDeliveries.Where(d => ids.Contains(d.Id) && d.LockedBy == nodeId && d.Status == EmailDeliveryStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Attempts, d => d.Attempts - 1)
            .SetProperty(d => d.LockedBy, (string?)null)
            .SetProperty(d => d.LockedUntil, (DateTime?)null), ct);

    private static IQueryable<EmailDelivery> Due(SoriDbContext db, DateTime now) =>
        db.EmailDeliveries.Where(d => d.Status == EmailDeliveryStatus.Pending && d.NextAttemptAt <= now
            && (d.LockedUntil == null || d.LockedUntil < now));
}
