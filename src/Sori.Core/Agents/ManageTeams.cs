using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Agents;

public sealed record TeamRequest(string? Name, string? Description = null, IReadOnlyList<long>? MemberIds = null);

public sealed record TeamView(long Id, string Name, string? Description, IReadOnlyList<long> MemberIds, DateTime CreatedAt)
{
    public static TeamView From(Team t) => new(t.Id, t.Name, t.Description, t.Members.Select(m => m.AgentId).Order().ToList(), t.CreatedAt);
}

/// <summary>Teams are where tickets are routed and specialists sit (배송팀, 결제팀, ...).</summary>
public sealed class ManageTeams(SoriDbContext db, TimeProvider clock)
{
    public async Task<Team> Create(TeamRequest r, CancellationToken ct)
    {
        await Check(r, null, requireName: true, ct);
        var team = new Team(r.Name!, clock.GetUtcNow().UtcDateTime) { Description = r.Description };
        foreach (var id in (r.MemberIds ?? []).Distinct()) team.Members.Add(new TeamMember(id));
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return team;
    }

    public async Task<Team> Update(long id, TeamRequest r, CancellationToken ct)
    {
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Team", id);
        await Check(r, id, requireName: false, ct);
        if (r.Name is not null) team.Name = r.Name.Trim();
        if (r.Description is not null) team.Description = r.Description;
        if (r.MemberIds is not null)
        {
            var wanted = r.MemberIds.Distinct().ToList();
            team.Members.RemoveAll(m => !wanted.Contains(m.AgentId));
            foreach (var a in wanted.Where(a => team.Members.All(m => m.AgentId != a))) team.Members.Add(new TeamMember(a));
        }
        await db.SaveChangesAsync(ct);
        return team;
    }

    /// <summary>Deletes the team; its tickets keep their assignee and lose the team.</summary>
    public async Task Delete(long id, CancellationToken ct)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Team", id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Tickets.Where(t => t.TeamId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.TeamId, (long?)null), ct);
        db.Teams.Remove(team);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<List<TeamView>> List(CancellationToken ct) =>
        (await db.Teams.AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).ToListAsync(ct)).Select(TeamView.From).ToList();

    public async Task<TeamView> Get(long id, CancellationToken ct) =>
        TeamView.From(await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Team", id));

    private async Task Check(TeamRequest r, long? id, bool requireName, CancellationToken ct)
    {
        var v = new Validator();
        if (requireName || r.Name is not null) v.Required("name", r.Name, Limits.Name);
        v.Text("description", r.Description, 1000);
        if (r.Name is not null && await db.Teams.AnyAsync(t => t.Name == r.Name.Trim() && t.Id != id, ct))
            v.Add("name", "A team with this name already exists.");
        if (r.MemberIds is { Count: > 0 } ids)
        {
            var known = await db.Agents.Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
            foreach (var missing in ids.Except(known)) v.Add("memberIds", $"Agent {missing} does not exist.");
        }
        v.ThrowIfInvalid();
    }
}
