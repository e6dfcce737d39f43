using Sori.Core.Data;

namespace Sori.Core.Outbox;

/// <summary>
/// A side effect to perform after commit, written in the same transaction as the change that
/// caused it. Workers claim rows with a lease, so any node may run them and none doubles them.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    /// <summary>Event name, e.g. "ticket.created".</summary>
    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    /// <summary>Stable id receivers use to drop repeats.</summary>
    public Guid EventId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime AvailableAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public string? LastError { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }

    private OutboxMessage() { }

    public OutboxMessage(string type, string payload, DateTime now)
    {
        Type = type;
        Payload = payload;
        EventId = Guid.CreateVersion7(now);
        CreatedAt = now;
        AvailableAt = now;
    }

    /// <summary>The row for an event of a record that is not an aggregate (an agent, a token), added to the context by its use case.</summary>
    public static OutboxMessage For(Common.IDomainEvent e, DateTime now) =>
        new(e.Name, System.Text.Json.JsonSerializer.Serialize(e, e.GetType(), JsonDefaults.Web), now);
}
