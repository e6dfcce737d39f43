using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

public sealed record MergeTicketsRequest(long? TargetId);

/// <summary>Merges a duplicate into a target ticket: the conversation moves, the source closes with a link.</summary>
public sealed class MergeTickets(SoriDbContext db, TimeProvider clock)
{
    public async Task<Ticket> Handle(long sourceId, MergeTicketsRequest r, Actor actor, CancellationToken ct)
    {
        if (r.TargetId is not { } targetId) throw ValidationException.For("targetId", "is required.");
        var source = await UpdateTicket.LoadForChangeAsync(db, sourceId, ct);
        var target = await db.Tickets.FirstOrDefaultAsync(t => t.Id == targetId, ct)
                     ?? throw ValidationException.For("targetId", $"Ticket {targetId} does not exist.");
        var now = clock.GetUtcNow().UtcDateTime;
        source.MergeInto(target, actor, now);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Messages.Where(m => m.TicketId == source.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.TicketId, target.Id), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return target;
    }
}
