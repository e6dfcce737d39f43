using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sori.Core.Agents;

namespace Sori.Web.Auth;

/// <summary>Puts the agent's id, display name, role and kind into the sign-in cookie.</summary>
public sealed class AgentClaimsFactory(UserManager<Agent> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Agent>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Agent agent)
    {
        var identity = await base.GenerateClaimsAsync(agent);
        identity.RemoveClaim(identity.FindFirst(ClaimTypes.Name));
        identity.AddClaim(new Claim(ClaimTypes.Name, agent.DisplayName));
        identity.AddClaim(new Claim(ClaimTypes.Role, agent.Role));
        identity.AddClaim(new Claim(SoriClaims.Kind, SoriClaims.KindAgent));
        return identity;
    }
}
