using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Webhooks;

/// <summary>Removes a subscription; its delivery log goes with it (cascade), so nothing more is sent.</summary>
public sealed class DeleteWebhookSubscription(SoriDbContext db)
{
    public async Task Handle(long id, CancellationToken ct)
    {
        var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Webhook", id);
        db.WebhookSubscriptions.Remove(s);
        await db.SaveChangesAsync(ct);
    }
}
