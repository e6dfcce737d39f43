using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;
using Sori.Core.Webhooks;

namespace Sori.Infrastructure.Webhooks;

/// <summary>A claimed delivery with what sending it needs, read together so the sender never touches the context.</summary>
public sealed record ClaimedDelivery(long Id, long SubscriptionId, Guid EventId, string EventType, string Payload, int Attempts, string Url, string Secret);

/// <summary>
/// Leases due deliveries to one node with the same conditional UPDATE as the outbox (see
/// <see cref="Outbox.OutboxLease"/>), and records each attempt only while the node still holds the lease.
/// </summary>
public static class WebhookDeliveryLease
{
    public static async Task<List<ClaimedDelivery>> ClaimAsync(SoriDbContext db, string nodeId, int batchSize, TimeSpan lease, DateTime now, CancellationToken ct)
    {
        var ids = await CandidatesAsync(db, batchSize, now, ct);
        return ids.Count == 0 ? [] : await ClaimAsync(db, ids, nodeId, lease, now, ct);
    }

    /// <summary>Due deliveries, most overdue first: only a proposal, since another node may claim them a moment later.</summary>
    public static Task<List<long>> CandidatesAsync(SoriDbContext db, int batchSize, DateTime now, CancellationToken ct) =>
        // Deliveries of paused subscriptions are held, not failed: they go out when it is resumed.
        Due(db, now).Where(d => db.WebhookSubscriptions.Any(s => s.Id == d.SubscriptionId && s.IsActive))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Take(batchSize).Select(d => d.Id).ToListAsync(ct);

    /// <summary>Takes those of <paramref name="ids"/> that are still free; the UPDATE re-checks every due condition.</summary>
    public static async Task<List<ClaimedDelivery>> ClaimAsync(SoriDbContext db, IReadOnlyCollection<long> ids, string nodeId, TimeSpan lease,
        DateTime now, CancellationToken ct)
    {
        var until = now + lease;
        await Due(db, now).Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.LockedBy, nodeId)
            .SetProperty(d => d.LockedUntil, until)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        return await (
            from d in db.WebhookDeliveries.AsNoTracking()
            where ids.Contains(d.Id) && d.LockedBy == nodeId
            join s in db.WebhookSubscriptions on d.SubscriptionId equals s.Id
            orderby d.Id
            select new ClaimedDelivery(d.Id, d.SubscriptionId, d.EventId, d.EventType, d.Payload, d.Attempts, s.Url, s.Secret)).ToListAsync(ct);
    }

    public static Task<int> SucceedAsync(SoriDbContext db, long id, string nodeId, int status, DateTime now, CancellationToken ct) =>
        db.WebhookDeliveries.Where(d => d.Id == id && d.LockedBy == nodeId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Succeeded)
            .SetProperty(d => d.ResponseStatus, status)
            .SetProperty(d => d.DeliveredAt, now)
            .SetProperty(d => d.LockedBy, (string?)null)
            .SetProperty(d => d.LockedUntil, (DateTime?)null), ct);

    /// <summary>Records a failed attempt: pending again at <paramref name="retryAt"/>, or failed for good when <paramref name="retryAt"/> is null.</summary>
    public static Task<int> FailAsync(SoriDbContext db, long id, string nodeId, int? status, string error, DateTime? retryAt, CancellationToken ct) =>
        db.WebhookDeliveries.Where(d => d.Id == id && d.LockedBy == nodeId).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(d => d.Status, retryAt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending)
             .SetProperty(d => d.ResponseStatus, status)
             .SetProperty(d => d.LastError, error)
             .SetProperty(d => d.LockedBy, (string?)null)
             .SetProperty(d => d.LockedUntil, (DateTime?)null);
            if (retryAt is { } at) s.SetProperty(d => d.NextAttemptAt, at);
        }, ct);

    /// <summary>Hands unsent deliveries back on shutdown, uncounted.</summary>
    public static Task<int> ReleaseAsync(SoriDbContext db, IReadOnlyCollection<long> ids, string nodeId, CancellationToken ct) =>
        db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.LockedBy == nodeId && d.Status == DeliveryStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Attempts, d => d.Attempts - 1)
            .SetProperty(d => d.LockedBy, (string?)null)
            .SetProperty(d => d.LockedUntil, (DateTime?)null), ct);

    private static IQueryable<WebhookDelivery> Due(SoriDbContext db, DateTime now) =>
        db.WebhookDeliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now
            && (d.LockedUntil == null || d.LockedUntil < now));
}
