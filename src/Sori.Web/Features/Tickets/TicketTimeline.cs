using Sori.Core.Tickets;

namespace Sori.Web.Features.Tickets;

/// <summary>Messages and change events merged into one list in the order they happened.</summary>
public static class TicketTimeline
{
    public abstract record Item(DateTime At, long Order);
    public sealed record MessageItem(MessageView Message) : Item(Message.CreatedAt, Message.Id);
    public sealed record EventItem(TicketEventView Event) : Item(Event.At, Event.Id);

    /// <summary>Events a message already shows (its own arrival) are left out.</summary>
    private static readonly HashSet<string> Shown = ["created", "message_added", "note_added", "replied", "customer_message"];

    public static IReadOnlyList<Item> Merge(IEnumerable<MessageView> messages, IEnumerable<TicketEventView> events) =>
        messages.Select(m => (Item)new MessageItem(m))
            .Concat(events.Where(e => !Shown.Contains(e.Kind)).Select(e => (Item)new EventItem(e)))
            .OrderBy(i => i.At).ThenBy(i => i is EventItem ? 1 : 0).ThenBy(i => i.Order)
            .ToList();
}
