using Sori.Core.Common;
using Sori.Core.Customers;

namespace Sori.Core.Tickets;

/// <summary>
/// The ticket aggregate. Every change goes through a method here, which guards the rule,
/// writes a timeline event (who, what, when, old → new) and raises a domain event.
/// </summary>
public sealed partial class Ticket : AggregateRoot
{
    public long Id { get; private set; }
    public long Number { get; private set; }
    public string Subject { get; private set; } = "";
    public TicketStatus Status { get; private set; }
    public TicketPriority Priority { get; private set; }
    public TicketChannel Channel { get; private set; }
    public TicketType Type { get; private set; }
    public long RequesterId { get; private set; }
    public Customer? Requester { get; private set; }
    public long? AssigneeId { get; private set; }
    public long? TeamId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? FirstResponseAt { get; private set; }
    public DateTime? SolvedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public long? MergedIntoId { get; private set; }
    public int Version { get; private set; }
    public Dictionary<string, string> CustomFields { get; private set; } = new(StringComparer.Ordinal);
    public List<TicketTag> Tags { get; private set; } = [];
    public List<TicketFollower> Followers { get; private set; } = [];
    public List<TicketEvent> Events { get; private set; } = [];
    public List<Message> Messages { get; private set; } = [];

    private Ticket() { }

    public static Ticket Create(long number, string subject, Customer requester, TicketChannel channel,
        TicketPriority priority, TicketType type, Actor actor, DateTime now)
    {
        var ticket = new Ticket
        {
            Number = number,
            Subject = subject.Trim(),
            Status = TicketStatus.New,
            Priority = priority,
            Channel = channel,
            Type = type,
            RequesterId = requester.Id,
            Requester = requester,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ticket.Events.Add(new TicketEvent(actor, now, "created", null, null, TicketStatusRules.ToWire(TicketStatus.New)));
        ticket.Raise(now, () => new TicketCreated(ticket.Id, ticket.Number, ticket.Subject,
            TicketStatusRules.ToWire(ticket.Channel), ticket.RequesterId));
        return ticket;
    }

    public string DisplayNumber => "#" + Number;
    public bool IsClosed => Status == TicketStatus.Closed;

    public void ChangeStatus(TicketStatus to, Actor actor, DateTime now)
    {
        if (to == Status) return;
        if (!TicketStatusRules.CanMove(Status, to))
            throw new ConflictException(
                $"A {TicketStatusRules.ToWire(Status)} ticket cannot become {TicketStatusRules.ToWire(to)}.", "status");
        var from = Status;
        Status = to;
        if (to == TicketStatus.Solved) SolvedAt = now;
        if (to == TicketStatus.Closed) ClosedAt = now;
        if (from == TicketStatus.Solved && to == TicketStatus.Open) SolvedAt = null;
        Record(actor, now, "status_changed", "status", TicketStatusRules.ToWire(from), TicketStatusRules.ToWire(to));
        Raise(now, () => new TicketStatusChanged(Id, Number, TicketStatusRules.ToWire(from), TicketStatusRules.ToWire(to)));
    }

    public void Assign(long? agentId, Actor actor, DateTime now)
    {
        EnsureOpenForChanges();
        if (agentId == AssigneeId) return;
        var old = AssigneeId;
        AssigneeId = agentId;
        Record(actor, now, agentId is null ? "unassigned" : "assigned", "assignee", old?.ToString(), agentId?.ToString());
        RaiseUpdated(now, "assignee", old?.ToString(), agentId?.ToString());
        // "New" means nobody has picked it up yet; an assignee has.
        if (agentId is not null && Status == TicketStatus.New) ChangeStatus(TicketStatus.Open, actor, now);
    }

    public void AssignTeam(long? teamId, Actor actor, DateTime now)
    {
        EnsureOpenForChanges();
        if (teamId == TeamId) return;
        var old = TeamId;
        TeamId = teamId;
        Record(actor, now, "team_changed", "team", old?.ToString(), teamId?.ToString());
        RaiseUpdated(now, "team", old?.ToString(), teamId?.ToString());
    }

    public void SetPriority(TicketPriority priority, Actor actor, DateTime now) =>
        Change("priority", Priority, priority, v => Priority = v, actor, now);

    public void SetType(TicketType type, Actor actor, DateTime now) =>
        Change("type", Type, type, v => Type = v, actor, now);

    public void SetSubject(string subject, Actor actor, DateTime now)
    {
        EnsureOpenForChanges();
        subject = subject.Trim();
        if (subject == Subject) return;
        var old = Subject;
        Subject = subject;
        Record(actor, now, "field_changed", "subject", old, subject);
        RaiseUpdated(now, "subject", old, subject);
    }

    private void Change<T>(string field, T current, T next, Action<T> set, Actor actor, DateTime now) where T : struct, Enum
    {
        EnsureOpenForChanges();
        if (EqualityComparer<T>.Default.Equals(current, next)) return;
        set(next);
        var (o, n) = (TicketStatusRules.ToWire(current), TicketStatusRules.ToWire(next));
        Record(actor, now, "field_changed", field, o, n);
        RaiseUpdated(now, field, o, n);
    }

    /// <summary>Takes a key the database reserved for this new ticket (<see cref="NewTicketKeys"/>), before it is saved.</summary>
    internal void UseReservedId(long id)
    {
        if (Id != 0) throw new InvalidOperationException($"Ticket {Id} already has its key.");
        Id = id;
    }

    private void EnsureOpenForChanges()
    {
        if (IsClosed) throw new ConflictException($"Ticket {DisplayNumber} is closed and can no longer change.");
    }

    private void Record(Actor actor, DateTime now, string kind, string? field, string? oldValue, string? newValue)
    {
        Events.Add(new TicketEvent(actor, now, kind, field, oldValue, newValue));
        UpdatedAt = now;
        Version++;
    }

    private void RaiseUpdated(DateTime now, string field, string? oldValue, string? newValue) =>
        Raise(now, () => new TicketUpdated(Id, Number, field, oldValue, newValue));
}
