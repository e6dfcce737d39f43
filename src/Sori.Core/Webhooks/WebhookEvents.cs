namespace Sori.Core.Webhooks;

/// <summary>The event names a subscription may ask for; they match <c>IDomainEvent.Name</c> of the raised events.</summary>
public static class WebhookEvents
{
    public const string All = "*";

    public static readonly string[] Known =
    [
        All, "ticket.created", "ticket.updated", "ticket.status_changed", "ticket.solved", "ticket.closed",
        "ticket.merged", "message.created", "note.created",
    ];
}

/// <summary>Wakes the delivery worker of this process when deliveries were created or re-queued.</summary>
public sealed class WebhookDeliverySignal : Outbox.WorkSignal;
