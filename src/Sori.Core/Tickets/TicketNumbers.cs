using Sori.Core.Data;

namespace Sori.Core.Tickets;

/// <summary>
/// A new ticket's number, sequential per desk, and where the database hands out keys ahead of the
/// insert (PostgreSQL's sequences) the keys of the ticket and of its first message, taken in the same
/// round trip as the number.
/// </summary>
public readonly record struct NewTicketKeys(long Number, long? TicketId = null, long? FirstMessageId = null)
{
    /// <summary>
    /// Gives the ticket (already added to <paramref name="db"/>) and its first message their reserved keys.
    /// With every key known, the ticket, its message, its events and the rows that point at them go to
    /// the database in one batch; with keys generated on insert, each level waits for the one above.
    /// </summary>
    public void ApplyTo(SoriDbContext db, Ticket ticket, Message? first)
    {
        if (TicketId is { } ticketId) db.Entry(ticket).Property(t => t.Id).CurrentValue = ticketId;
        if (FirstMessageId is { } messageId && first is not null) db.Entry(first).Property(m => m.Id).CurrentValue = messageId;
    }
}

/// <summary>Hands out ticket numbers inside the transaction of the given context; one implementation per database provider.</summary>
public interface ITicketNumberAllocator
{
    Task<NewTicketKeys> NextAsync(SoriDbContext db, CancellationToken ct);
}
