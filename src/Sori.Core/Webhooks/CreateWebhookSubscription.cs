using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Webhooks;

public sealed record CreateWebhookSubscriptionRequest(string? Name, string? Url, IReadOnlyList<string>? Events, bool? IsActive = null);

/// <summary>Registers an integrator's endpoint with a generated signing secret, which the caller sees only in this response.</summary>
public sealed class CreateWebhookSubscription(SoriDbContext db, TimeProvider clock)
{
    public async Task<WebhookSubscription> Handle(CreateWebhookSubscriptionRequest r, CancellationToken ct)
    {
        var v = new Validator().Required("name", r.Name, Limits.Name);
        WebhookInputs.CheckUrl(v, r.Url);
        var events = WebhookInputs.CheckEvents(v, r.Events);
        v.ThrowIfInvalid();

        var subscription = new WebhookSubscription(r.Name!.Trim(), r.Url!.Trim(), WebhookSignature.NewSecret(), events, clock.GetUtcNow().UtcDateTime)
        {
            IsActive = r.IsActive ?? true,
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return subscription;
    }
}
