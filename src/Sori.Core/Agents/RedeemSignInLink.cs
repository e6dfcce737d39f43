using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;

namespace Sori.Core.Agents;

public sealed record RedeemSignInLinkRequest(long AgentId, string? Token, string? Password, string? ConfirmPassword);

/// <summary>The agent on the other end of a sign-in link chooses a password; the link is used up.</summary>
public sealed class RedeemSignInLink(UserManager<Agent> users, SignInLinks links)
{
    public const string Invalid = "This sign-in link is invalid, used or expired; ask an admin for a new one.";

    /// <summary>The agent the link belongs to, or null when it is not (or no longer) valid.</summary>
    public async Task<Agent?> Check(long agentId, string? token, CancellationToken ct)
    {
        var agent = await users.Users.FirstOrDefaultAsync(a => a.Id == agentId, ct);
        return agent is not null && await links.IsValid(agent, token) ? agent : null;
    }

    public async Task<Agent> Handle(RedeemSignInLinkRequest r, CancellationToken ct)
    {
        var agent = await Check(r.AgentId, r.Token, ct) ?? throw ValidationException.For("token", Invalid);
        await AgentIdentity.CheckPasswordAsync(users, agent, r.Password, "password");
        if (r.Password != r.ConfirmPassword) throw ValidationException.For("confirmPassword", "does not match the password.");

        if (await users.HasPasswordAsync(agent)) Check(await users.RemovePasswordAsync(agent));
        Check(await users.AddPasswordAsync(agent, r.Password!));
        await links.Remove(agent);
        await users.ResetAccessFailedCountAsync(agent);
        await users.SetLockoutEndDateAsync(agent, null);
        return agent;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw AgentRules.ToValidation(result);
    }
}
