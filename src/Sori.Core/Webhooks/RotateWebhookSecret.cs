using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Webhooks;

/// <summary>
/// Replaces the signing secret (after a leak, or routinely). It takes effect at once: every delivery
/// sent from now on, including retries of older events, is signed with the new secret.
/// </summary>
public sealed class RotateWebhookSecret(SoriDbContext db)
{
    public async Task<WebhookSubscription> Handle(long id, CancellationToken ct)
    {
        var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Webhook", id);
        s.RotateSecret(WebhookSignature.NewSecret());
        await db.SaveChangesAsync(ct);
        return s;
    }
}
