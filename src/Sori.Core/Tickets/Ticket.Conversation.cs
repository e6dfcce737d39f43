using Sori.Core.Common;
using Sori.Core.Customers;

namespace Sori.Core.Tickets;

public sealed partial class Ticket
{
    /// <summary>
    /// A message from the customer. It reopens a pending or solved ticket (unless it is an automatic
    /// reply, <paramref name="reopen"/> false); a closed one takes no more.
    /// </summary>
    public Message AddCustomerMessage(Customer customer, string text, string? html,
        TicketChannel channel, string? externalId, Actor actor, DateTime now, bool reopen = true)
    {
        EnsureOpenForChanges();
        var message = new Message(MessageVisibility.Public, AuthorKind.Customer, null, customer, customer.Name,
            text, html, channel, externalId, now);
        AddMessage(message, actor, now);
        if (reopen && Status is TicketStatus.Pending or TicketStatus.Solved) ChangeStatus(TicketStatus.Open, actor, now);
        return message;
    }

    /// <summary>A public reply from an agent (or bot). The first one stamps the first-response time.</summary>
    public Message AddReply(Actor author, string text, string? html, DateTime now, TicketStatus? thenStatus = null)
    {
        EnsureOpenForChanges();
        var kind = author.Kind == ActorKind.Bot ? AuthorKind.Bot : author.IsAgent ? AuthorKind.Agent : AuthorKind.System;
        var message = new Message(MessageVisibility.Public, kind, author.AgentId, null, author.Name,
            text, html, Channel, null, now);
        AddMessage(message, author, now);
        if (kind == AuthorKind.Agent && FirstResponseAt is null) FirstResponseAt = now;
        var next = thenStatus ?? (Status == TicketStatus.New ? TicketStatus.Open : Status);
        ChangeStatus(next, author, now);
        return message;
    }

    /// <summary>An internal note: agents only, never shown to the customer, no status change.</summary>
    public Message AddNote(Actor author, string text, string? html, DateTime now)
    {
        EnsureOpenForChanges();
        var message = new Message(MessageVisibility.Internal, AuthorKind.Agent, author.AgentId, null, author.Name,
            text, html, Channel, null, now);
        AddMessage(message, author, now);
        return message;
    }

    private void AddMessage(Message message, Actor actor, DateTime now)
    {
        Messages.Add(message);
        UpdatedAt = now;
        Version++;
        var visibility = TicketStatusRules.ToWire(message.Visibility);
        Raise(now, () => new MessageAdded(Id, Number, message.Id, visibility, TicketStatusRules.ToWire(message.AuthorKind)));
    }

    /// <summary>Closes this ticket into <paramref name="target"/>; the caller moves the messages.</summary>
    public void MergeInto(Ticket target, Actor actor, DateTime now)
    {
        if (target.Id == Id) throw ValidationException.For("targetId", "A ticket cannot be merged into itself.");
        if (IsClosed) throw new ConflictException($"Ticket {DisplayNumber} is closed and cannot be merged.");
        if (target.IsClosed) throw new ConflictException($"Ticket {target.DisplayNumber} is closed and cannot receive a merge.", "targetId");
        MergedIntoId = target.Id;
        Record(actor, now, "merged_into", "merged_into", null, target.Number.ToString());
        if (Status != TicketStatus.Solved) ChangeStatus(TicketStatus.Solved, actor, now);
        ChangeStatus(TicketStatus.Closed, actor, now);
        target.Record(actor, now, "merged_from", "merged_from", null, Number.ToString());
        target.Version++;
        var (sourceId, number, targetId) = (Id, Number, target.Id);
        Raise(now, () => new TicketMerged(sourceId, number, targetId));
    }

    /// <summary>Moves a message of this ticket onto a freshly created ticket.</summary>
    public void SplitOff(Message message, Ticket into, Actor actor, DateTime now)
    {
        if (message.TicketId != Id) throw ValidationException.For("messageId", "The message does not belong to this ticket.");
        into.Messages.Add(message); // EF re-points the message's TicketId on save
        Record(actor, now, "split", "message", message.Id.ToString(), into.Number.ToString());
        into.Record(actor, now, "split_from", "split_from", null, Number.ToString());
    }
}
