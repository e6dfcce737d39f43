using Sori.Core.Common;

namespace Sori.Core.Audit;

/// <summary>Who read or changed which customer's personal data or which ticket, when and from where.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public ActorKind ActorKind { get; private set; }
    public long? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    /// <summary>"read" or "change" plus a verb, e.g. "customer.read", "ticket.update".</summary>
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public long? EntityId { get; private set; }
    public long? CustomerId { get; private set; }
    public string? IpAddress { get; private set; }
    public string? Details { get; private set; }

    private AuditEntry() { }

    public AuditEntry(Actor actor, string action, string entityType, long? entityId, long? customerId, DateTime at, string? details = null)
    {
        At = at;
        ActorKind = actor.Kind;
        ActorId = actor.Id;
        ActorName = actor.Name;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        CustomerId = customerId;
        IpAddress = actor.IpAddress;
        Details = details;
    }
}
