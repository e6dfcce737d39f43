using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Agents;

public sealed record AgentSummary(long Id, string Name, string Email, string Role, bool IsActive, IReadOnlyList<long> TeamIds);

/// <summary>Every agent with their teams: names for lists, choices for filters and assignment.</summary>
public sealed class ListAgents(SoriDbContext db)
{
    public async Task<IReadOnlyList<AgentSummary>> Handle(CancellationToken ct)
    {
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.DisplayName).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.DisplayName, a.Email, a.Role, a.IsActive }).ToListAsync(ct);
        var members = await db.Set<TeamMember>().AsNoTracking().Select(m => new { m.AgentId, Id = m.TeamId }).ToListAsync(ct);
        return agents.Select(a => new AgentSummary(a.Id, a.DisplayName, a.Email ?? "", a.Role, a.IsActive,
            members.Where(m => m.AgentId == a.Id).Select(m => m.Id).ToList())).ToList();
    }
}
