namespace Sori.Core.Webhooks;

/// <summary>A subscription as the API shows it; the secret is never part of it.</summary>
public sealed record WebhookSubscriptionView(long Id, string Name, string Url, IReadOnlyList<string> Events, bool IsActive, DateTime CreatedAt)
{
    public static WebhookSubscriptionView From(WebhookSubscription s) => new(s.Id, s.Name, s.Url, s.Events, s.IsActive, s.CreatedAt);
}

/// <summary>The create and rotate-secret responses: the only places the secret is ever shown.</summary>
public sealed record WebhookSubscriptionWithSecret(long Id, string Name, string Url, IReadOnlyList<string> Events, bool IsActive,
    DateTime CreatedAt, string Secret)
{
    public static WebhookSubscriptionWithSecret From(WebhookSubscription s) => new(s.Id, s.Name, s.Url, s.Events, s.IsActive, s.CreatedAt, s.Secret);
}

/// <summary>One row of a subscription's delivery log: the latest attempt's outcome and what happens next.</summary>
public sealed record WebhookDeliveryView(long Id, long SubscriptionId, Guid EventId, string EventType, string Status, int Attempts,
    int? ResponseStatus, string? LastError, DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? DeliveredAt)
{
    public static WebhookDeliveryView From(WebhookDelivery d) => new(d.Id, d.SubscriptionId, d.EventId, d.EventType, Wire(d.Status),
        d.Attempts, d.ResponseStatus, d.LastError, d.CreatedAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.DeliveredAt);

    public static string Wire(DeliveryStatus s) => s.ToString().ToLowerInvariant();
}
