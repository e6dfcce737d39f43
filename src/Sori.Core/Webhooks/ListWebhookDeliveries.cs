using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Webhooks;

public sealed record WebhookDeliveryQuery(string? Status = null, int? Limit = null, string? Cursor = null);

/// <summary>A subscription's delivery log, newest first, with keyset paging on the id (every page costs the same).</summary>
public sealed class ListWebhookDeliveries(SoriDbContext db)
{
    public const int MaxLimit = 200;
    private const string CursorPrefix = "d";

    public async Task<Page<WebhookDeliveryView>> Handle(long subscriptionId, WebhookDeliveryQuery q, CancellationToken ct)
    {
        var v = new Validator();
        DeliveryStatus? status = q.Status switch
        {
            null => null,
            "pending" => DeliveryStatus.Pending,
            "succeeded" => DeliveryStatus.Succeeded,
            "failed" => DeliveryStatus.Failed,
            _ => null,
        };
        v.When(q.Status is not null && status is null, "status", "must be one of: pending, succeeded, failed.");
        var limit = q.Limit ?? 50;
        v.When(limit is < 1 or > MaxLimit, "limit", $"must be between 1 and {MaxLimit}.");
        var before = DecodeCursor(q.Cursor);
        v.When(q.Cursor is not null && before is null, "cursor", "is not a cursor from this listing.");
        v.ThrowIfInvalid();

        if (!await db.WebhookSubscriptions.AnyAsync(x => x.Id == subscriptionId, ct)) throw new NotFoundException("Webhook", subscriptionId);
        var rows = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId);
        if (status is { } st) rows = rows.Where(d => d.Status == st);
        if (before is { } b) rows = rows.Where(d => d.Id < b);
        var page = await rows.OrderByDescending(d => d.Id).Take(limit + 1).ToListAsync(ct);
        var next = page.Count > limit ? CursorPrefix + page[limit - 1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return new Page<WebhookDeliveryView>(page.Take(limit).Select(WebhookDeliveryView.From).ToList(), next);
    }

    private static long? DecodeCursor(string? cursor) =>
        cursor is { Length: > 1 and < 24 } && cursor.StartsWith(CursorPrefix, StringComparison.Ordinal)
        && long.TryParse(cursor.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
