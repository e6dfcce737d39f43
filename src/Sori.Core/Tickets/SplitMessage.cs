using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Core.Tickets;

public sealed record SplitMessageRequest(string? Subject);

/// <summary>Moves one message that raised a separate matter onto a new ticket for the same requester.</summary>
public sealed class SplitMessage(SoriDbContext db, ITicketNumberAllocator numbers, TimeProvider clock)
{
    public async Task<Ticket> Handle(long ticketId, long messageId, SplitMessageRequest r, Actor actor, CancellationToken ct)
    {
        new Validator().Text("subject", r.Subject, Limits.Subject).ThrowIfInvalid();
        var source = await db.Tickets.Include(t => t.Requester).FirstOrDefaultAsync(t => t.Id == ticketId, ct)
                     ?? throw new NotFoundException("Ticket", ticketId);
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.TicketId == ticketId, ct)
                      ?? throw new NotFoundException("Message", messageId);
        if (await db.Messages.CountAsync(m => m.TicketId == ticketId, ct) == 1)
            throw new ConflictException("The only message of a ticket cannot be split off.", "messageId");
        if (source.IsClosed) throw new ConflictException($"Ticket {source.DisplayNumber} is closed.");

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var subject = string.IsNullOrWhiteSpace(r.Subject) ? source.Subject : r.Subject;
        var keys = await numbers.NextAsync(db, ct);
        var split = Ticket.Create(keys.Number, subject, source.Requester!, source.Channel, source.Priority, source.Type, actor, now);
        keys.ApplyTo(db, split, first: null);
        db.Tickets.Add(split);
        source.SplitOff(message, split, actor, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return split;
    }
}
