using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;

namespace Sori.Core.Agents;

/// <summary>
/// A new one-time sign-in link for an existing agent (an invitation that expired, a forgotten
/// password). Using it replaces their password; the earlier link stops working.
/// </summary>
public sealed class IssueSignInLink(UserManager<Agent> users, SignInLinks links)
{
    public async Task<SignInLinks.Issued> Handle(long agentId, CancellationToken ct)
    {
        var agent = await users.Users.FirstOrDefaultAsync(a => a.Id == agentId, ct) ?? throw new NotFoundException("Agent", agentId);
        if (!agent.IsActive) throw new ConflictException("The agent is deactivated; reactivate them first.", "isActive");
        return await links.Issue(agent);
    }
}
