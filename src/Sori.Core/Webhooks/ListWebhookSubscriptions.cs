using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Webhooks;

/// <summary>All subscriptions, oldest first; a desk has a handful, so there is no paging.</summary>
public sealed class ListWebhookSubscriptions(SoriDbContext db)
{
    public async Task<IReadOnlyList<WebhookSubscriptionView>> Handle(CancellationToken ct) =>
        (await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct)).Select(WebhookSubscriptionView.From).ToList();
}
