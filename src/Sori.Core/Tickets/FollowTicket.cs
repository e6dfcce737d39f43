using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

/// <summary>Adds or removes an agent from a ticket's followers (they hear of every change).</summary>
public sealed class FollowTicket(SoriDbContext db, TimeProvider clock)
{
    public async Task Handle(long ticketId, long? agentId, bool follow, Actor actor, CancellationToken ct)
    {
        var who = agentId ?? actor.AgentId ?? throw ValidationException.For("agentId", "is required when the caller is not an agent.");
        if (!await db.Agents.AnyAsync(a => a.Id == who, ct)) throw ValidationException.For("agentId", $"Agent {who} does not exist.");
        var ticket = await UpdateTicket.LoadForChangeAsync(db, ticketId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (follow) ticket.Follow(who, actor, now);
        else ticket.Unfollow(who, actor, now);
        await db.SaveChangesAsync(ct);
    }
}
