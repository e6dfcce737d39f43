using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sori.Core.Agents;

namespace Sori.Web.Workspace;

/// <summary>
/// A circuit outlives the request that opened it, so the cookie's own security-stamp check never
/// runs again. This re-checks every minute: a deactivated agent, a changed role or a reset
/// password ends the workspace session as it ends the cookie.
/// </summary>
public sealed class RevalidatingAgentStateProvider(ILoggerFactory logger, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(logger)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        IsStillValidAsync(state.User, scopes, options.Value);

    /// <summary>The agent still exists, is active, and the session's security stamp is the current one.</summary>
    public static async Task<bool> IsStillValidAsync(ClaimsPrincipal user, IServiceScopeFactory scopes, IdentityOptions options)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        var agent = await users.GetUserAsync(user);
        if (agent is null || !agent.IsActive) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = user.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(agent);
    }
}
