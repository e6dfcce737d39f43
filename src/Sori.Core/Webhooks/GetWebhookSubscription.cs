using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Webhooks;

public sealed class GetWebhookSubscription(SoriDbContext db)
{
    public async Task<WebhookSubscriptionView> Handle(long id, CancellationToken ct)
    {
        var s = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Webhook", id);
        return WebhookSubscriptionView.From(s);
    }
}
