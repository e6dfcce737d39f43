using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Core.Webhooks;

/// <summary>
/// Fans an outbox event out to one pending delivery per active subscription that wants it. Running it
/// twice for one event adds nothing: subscriptions that already have a delivery for the event are
/// skipped, and the unique index (SubscriptionId, EventId) rejects a concurrent duplicate.
/// </summary>
public sealed class CreateWebhookDeliveriesForEvent(SoriDbContext db, TimeProvider clock) : IOutboxHandler
{
    // Read once per scope: the outbox worker handles a whole batch in one scope and transaction.
    private List<WebhookSubscription>? _active;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        // Events is a JSON/array column that is not portably queryable, and a desk has few subscriptions.
        var active = _active ??= await db.WebhookSubscriptions.AsNoTracking().Where(s => s.IsActive).ToListAsync(ct);
        var wanting = active.Where(s => s.Wants(message.Type)).Select(s => s.Id).ToList();
        if (wanting.Count == 0) return;

        // Asked by (subscription, event), the columns of the unique index in its order; by the event alone
        // the lookup read every delivery ever made, once per event (OutboxProcessorTests).
        var done = await db.WebhookDeliveries.Where(d => wanting.Contains(d.SubscriptionId) && d.EventId == message.EventId)
            .Select(d => d.SubscriptionId).ToListAsync(ct);
        var missing = wanting.Except(done).ToList();
        if (missing.Count == 0) return;

        var body = Envelope(message);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in missing) db.WebhookDeliveries.Add(new WebhookDelivery(id, message.EventId, message.Type, body, now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The request body, fixed once per event so every retry (and every subscription) sends the same bytes:
    /// {"id": event id, "type": name, "occurredAt": ISO 8601 UTC, "data": the event's payload}.
    /// </summary>
    public static string Envelope(OutboxMessage m)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", m.EventId);
            w.WriteString("type", m.Type);
            w.WriteString("occurredAt", DateTime.SpecifyKind(m.CreatedAt, DateTimeKind.Utc));
            w.WritePropertyName("data");
            w.WriteRawValue(m.Payload);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
