namespace Sori.Core.Webhooks;

/// <summary>An integrator's endpoint that receives signed event deliveries.</summary>
public sealed class WebhookSubscription
{
    public long Id { get; private set; }
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>HMAC-SHA256 key; deliveries carry "X-Sori-Signature: sha256=&lt;hex&gt;" over "timestamp.body".</summary>
    public string Secret { get; private set; } = "";
    /// <summary>Event names to deliver ("ticket.created"), or "*" for all.</summary>
    public List<string> Events { get; set; } = [];
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; private set; }

    private WebhookSubscription() { }

    public WebhookSubscription(string name, string url, string secret, IEnumerable<string> events, DateTime now)
    {
        Name = name;
        Url = url;
        Secret = secret;
        Events = events.ToList();
        CreatedAt = now;
    }

    /// <summary>"*" means every event subscribers may ask for, not Sori's internal ones (an agent's sessions ending).</summary>
    public bool Wants(string eventName) =>
        IsActive && (Events.Contains(eventName) || Events.Contains(WebhookEvents.All) && WebhookEvents.Known.Contains(eventName));

    public void RotateSecret(string secret) => Secret = secret;
}

public enum DeliveryStatus { Pending, Succeeded, Failed }

/// <summary>One event sent (or being sent) to one subscription; retried with backoff until it succeeds or gives up.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; private set; }
    public long SubscriptionId { get; private set; }
    public Guid EventId { get; private set; }
    public string EventType { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public int? ResponseStatus { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }

    private WebhookDelivery() { }

    public WebhookDelivery(long subscriptionId, Guid eventId, string eventType, string payload, DateTime now)
    {
        SubscriptionId = subscriptionId;
        EventId = eventId;
        EventType = eventType;
        Payload = payload;
        Status = DeliveryStatus.Pending;
        CreatedAt = now;
        NextAttemptAt = now;
    }
}
