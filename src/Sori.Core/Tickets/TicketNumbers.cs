using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

/// <summary>
/// A new ticket's number, sequential per desk, and where the database hands out keys ahead of the
/// insert (PostgreSQL's sequences) the keys of the ticket, of its first message and of a requester
/// created with it, taken in the same round trip as the number.
/// </summary>
public readonly record struct NewTicketKeys(long Number, long? TicketId = null, long? FirstMessageId = null, long? RequesterId = null)
{
    /// <summary>
    /// Gives the ticket and its first message, before they are added to <paramref name="db"/>, and their requester
    /// when it is being created with them, their reserved keys. With every key known, the requester, the ticket,
    /// its message, its events and the rows that point at them go to the database in one batch; with keys
    /// generated on insert, each level waits for the one above. Set before the ticket is tracked, its keys need
    /// no fix-up of the rows already pointing at it.
    /// </summary>
    public void ApplyTo(SoriDbContext db, Ticket ticket, Message? first)
    {
        if (RequesterId is { } requesterId && ticket.Requester is { Id: 0 } requester && db.Entry(requester).State == EntityState.Added)
            db.Entry(requester).Property(c => c.Id).CurrentValue = requesterId;
        if (TicketId is { } ticketId) ticket.UseReservedId(ticketId);
        if (FirstMessageId is { } messageId && first is not null) first.UseReservedId(messageId);
    }
}

/// <summary>Hands out ticket numbers inside the transaction of the given context; one implementation per database provider.</summary>
public interface ITicketNumberAllocator
{
    /// <param name="newRequester">The ticket's requester is being created in the same write: reserve their key as well where keys are reserved.</param>
    Task<NewTicketKeys> NextAsync(SoriDbContext db, CancellationToken ct, bool newRequester = false);
}
