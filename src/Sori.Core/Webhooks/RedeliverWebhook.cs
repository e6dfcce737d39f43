using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Webhooks;

/// <summary>
/// Sends a delivery again (after a receiver fix, or to replay an event): it goes back to pending, due now,
/// with a fresh retry budget. The body and event id stay the same, so receivers can still drop repeats.
/// </summary>
public sealed class RedeliverWebhook(SoriDbContext db, WebhookDeliverySignal signal, TimeProvider clock)
{
    public async Task<WebhookDelivery> Handle(long subscriptionId, long deliveryId, CancellationToken ct)
    {
        var d = await db.WebhookDeliveries.FirstOrDefaultAsync(x => x.Id == deliveryId && x.SubscriptionId == subscriptionId, ct)
            ?? throw new NotFoundException("Webhook delivery", deliveryId);
        var now = clock.GetUtcNow().UtcDateTime;
        if (d.Status == DeliveryStatus.Pending && d.LockedUntil > now)
            throw new ConflictException("The delivery is being sent right now; try again when this attempt has finished.");
        d.Status = DeliveryStatus.Pending;
        d.Attempts = 0;
        d.NextAttemptAt = now;
        d.DeliveredAt = null;
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return d;
    }
}
