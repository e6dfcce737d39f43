using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Webhooks;

/// <summary>Absent (or null) fields stay as they are; none of them can be cleared.</summary>
public sealed record UpdateWebhookSubscriptionRequest(string? Name = null, string? Url = null, IReadOnlyList<string>? Events = null, bool? IsActive = null);

/// <summary>
/// Renames, re-points, re-scopes, pauses or resumes a subscription. Pending deliveries go to the new
/// URL; a paused subscription keeps its pending deliveries until it is resumed.
/// </summary>
public sealed class UpdateWebhookSubscription(SoriDbContext db, WebhookDeliverySignal deliveries)
{
    public async Task<WebhookSubscription> Handle(long id, UpdateWebhookSubscriptionRequest r, CancellationToken ct)
    {
        var v = new Validator();
        if (r.Name is not null) v.Required("name", r.Name, Limits.Name);
        if (r.Url is not null) WebhookInputs.CheckUrl(v, r.Url);
        var events = r.Events is null ? null : WebhookInputs.CheckEvents(v, r.Events);
        v.ThrowIfInvalid();

        var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Webhook", id);
        var resumed = r.IsActive == true && !s.IsActive;
        if (r.Name is not null) s.Name = r.Name.Trim();
        if (r.Url is not null) s.Url = r.Url.Trim();
        if (events is not null) s.Events = events;
        if (r.IsActive is { } active) s.IsActive = active;
        await db.SaveChangesAsync(ct);
        if (resumed) deliveries.Notify(); // its held deliveries are due now
        return s;
    }
}
