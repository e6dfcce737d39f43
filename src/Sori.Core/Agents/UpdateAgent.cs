using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;

namespace Sori.Core.Agents;

public sealed record UpdateAgentRequest(string? Name = null, string? Role = null, bool? IsActive = null, string? Language = null, string? TimeZone = null);

/// <summary>Changes an agent's profile, role or active flag. Deactivating signs them out everywhere; the last admin stays.</summary>
public sealed class UpdateAgent(UserManager<Agent> users)
{
    public async Task<Agent> Handle(long id, UpdateAgentRequest r, Actor actor, CancellationToken ct)
    {
        var v = new Validator()
            .Text("name", r.Name, Limits.Name)
            .When(r.Name is not null && string.IsNullOrWhiteSpace(r.Name), "name", "must not be empty.")
            .When(r.Role is not null && !Roles.All.Contains(r.Role), "role", "must be Admin, Lead or Agent.")
            .When(r.Language is not (null or "ko" or "en"), "language", "must be ko or en.");
        AgentRules.CheckTimeZone(v, r.TimeZone);
        v.ThrowIfInvalid();
        var agent = await users.Users.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("Agent", id);
        var losesAdmin = agent.Role == Roles.Admin && agent.IsActive && ((r.Role is not null && r.Role != Roles.Admin) || r.IsActive == false);
        if (losesAdmin && await users.Users.CountAsync(a => a.Role == Roles.Admin && a.IsActive, ct) == 1)
            throw new ConflictException("The last active admin cannot be demoted or deactivated.", r.Role is not null ? "role" : "isActive");

        if (r.Name is not null) agent.DisplayName = r.Name.Trim();
        if (r.Language is not null) agent.Language = r.Language;
        if (r.TimeZone is not null) agent.TimeZone = r.TimeZone;
        var signOut = (r.Role is not null && r.Role != agent.Role) || (r.IsActive == false && agent.IsActive);
        if (r.Role is not null) agent.Role = r.Role;
        if (r.IsActive is { } active) agent.IsActive = active;
        var result = await users.UpdateAsync(agent);
        if (!result.Succeeded) throw AgentRules.ToValidation(result);
        if (signOut) await users.UpdateSecurityStampAsync(agent);
        return agent;
    }
}
