using Sori.Core.Common;

namespace Sori.Core.Tickets;

/// <summary>One row of a ticket's timeline: who changed what, when, old → new.</summary>
public sealed class TicketEvent
{
    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public DateTime At { get; private set; }
    public ActorKind ActorKind { get; private set; }
    public long? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public string? Field { get; private set; }
    public string? OldValue { get; private set; }
    public string? NewValue { get; private set; }

    private TicketEvent() { }

    internal TicketEvent(Actor actor, DateTime at, string kind, string? field, string? oldValue, string? newValue)
    {
        At = at;
        ActorKind = actor.Kind;
        ActorId = actor.Id;
        ActorName = actor.Name;
        Kind = kind;
        Field = field;
        OldValue = oldValue;
        NewValue = newValue;
    }
}

public sealed record TicketCreated(long TicketId, long Number, string Subject, string Channel, long RequesterId) : IDomainEvent
{
    public string Name => "ticket.created";
}

public sealed record TicketUpdated(long TicketId, long Number, string Field, string? OldValue, string? NewValue) : IDomainEvent
{
    public string Name => "ticket.updated";
}

public sealed record TicketStatusChanged(long TicketId, long Number, string From, string To) : IDomainEvent
{
    public string Name => To switch { "solved" => "ticket.solved", "closed" => "ticket.closed", _ => "ticket.status_changed" };
}

public sealed record TicketMerged(long TicketId, long Number, long IntoTicketId) : IDomainEvent
{
    public string Name => "ticket.merged";
}

public sealed record MessageAdded(long TicketId, long Number, long MessageId, string Visibility, string AuthorKind) : IDomainEvent
{
    public string Name => Visibility == "internal" ? "note.created" : "message.created";
}
