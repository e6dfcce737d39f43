using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Common;

/// <summary>Something an admin shares (with everyone or one team) or an agent keeps for themselves: macros, saved views.</summary>
public interface ISharedOrPersonal
{
    /// <summary>The agent a personal record belongs to; null when shared.</summary>
    long? OwnerId { get; }
    /// <summary>For a shared record, the one team that sees it; null for everyone.</summary>
    long? TeamId { get; }
}

public static class SharedOrPersonal
{
    /// <summary>
    /// What the actor may see: shared records for everyone or for a team they belong to, and their
    /// own. Admins see every shared record; an API token sees the ones shared with everyone, or all
    /// shared ones with the admin scope.
    /// </summary>
    public static async Task<IQueryable<T>> VisibleTo<T>(this IQueryable<T> records, SoriDbContext db, Actor actor, CancellationToken ct)
        where T : class, ISharedOrPersonal
    {
        var me = actor.AgentId;
        if (actor.IsAdmin) return records.Where(r => r.OwnerId == null || (me != null && r.OwnerId == me));
        if (me is null) return records.Where(r => r.OwnerId == null && r.TeamId == null);
        var teams = await db.TeamMembers.Where(t => t.AgentId == me).Select(t => t.TeamId).ToListAsync(ct);
        return records.Where(r => (r.OwnerId == null && (r.TeamId == null || teams.Contains(r.TeamId.Value))) || r.OwnerId == me);
    }

    /// <summary>A record the actor may change; someone else's personal one does not exist for them (404), a shared one needs an admin (403).</summary>
    public static T EnsureMayChange<T>(T? record, long id, string entity, Actor actor) where T : class, ISharedOrPersonal
    {
        if (record is null || (record.OwnerId is not null && record.OwnerId != actor.AgentId)) throw new NotFoundException(entity, id);
        EnsureMayManage(record.OwnerId is null, entity, actor);
        return record;
    }

    public static void EnsureMayManage(bool shared, string entity, Actor actor)
    {
        if (shared && !actor.IsAdmin) throw new ForbiddenException($"Only admins manage shared {entity.ToLowerInvariant()}s.");
    }
}
