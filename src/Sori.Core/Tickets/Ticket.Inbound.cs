using Sori.Core.Common;

namespace Sori.Core.Tickets;

public sealed partial class Ticket
{
    /// <summary>
    /// A notice from a machine about this ticket's mail (a bounce): an internal note, so agents see
    /// that the customer did not get the reply, without reopening the ticket or showing it to anyone else.
    /// </summary>
    public Message AddSystemNote(string authorName, string text, TicketChannel channel, DateTime now)
    {
        EnsureOpenForChanges();
        var message = new Message(MessageVisibility.Internal, AuthorKind.System, null, null, authorName, text, null, channel, null, now);
        AddMessage(message, Actor.System with { Name = authorName }, now);
        return message;
    }

    /// <summary>
    /// A public message Sori sends on its own (an acknowledgement): shown on the timeline, but it is no
    /// response: status and first-response time stay as they are.
    /// </summary>
    public Message AddAutomaticReply(string authorName, string text, DateTime now)
    {
        EnsureOpenForChanges();
        var message = new Message(MessageVisibility.Public, AuthorKind.System, null, null, authorName, text, null, Channel, null, now);
        AddMessage(message, Actor.System with { Name = authorName }, now);
        return message;
    }

    /// <summary>
    /// Records on both timelines that two tickets belong together (<paramref name="kind"/>: "follow_up"
    /// for a reply to a closed ticket, "unverified_sender" for a reply from someone outside the ticket).
    /// </summary>
    public void LinkTo(Ticket other, string kind, Actor actor, DateTime now)
    {
        Record(actor, now, "linked", "linked_ticket", kind, other.Number.ToString());
        other.Record(actor, now, "linked", "linked_ticket", kind, Number.ToString());
    }
}
