using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Core.Agents;

/// <summary>
/// An agent's sessions must end: their security stamp was replaced (a new password, two-factor sign-in
/// turned on or off or reset, a new role, deactivation). Open workspaces and live connections close
/// on every node when it arrives; cookies carrying the old stamp are refused.
/// </summary>
public sealed record AgentSessionsEnded(long AgentId) : IDomainEvent
{
    public const string EventName = "agent.sessions_ended";
    public string Name => EventName;
}

/// <summary>
/// Identity's EF store for agents, with one addition: Identity replaces the security stamp itself
/// (inside ChangePasswordAsync, SetTwoFactorEnabledAsync, ResetAuthenticatorKeyAsync, ...), and this is
/// the one place every replacement passes through, so it writes <see cref="AgentSessionsEnded"/> to the
/// outbox there; the store's own save commits it with the new stamp.
/// </summary>
public sealed class AgentStore(SoriDbContext context, TimeProvider clock, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<Agent, SoriDbContext, long>(context, describer)
{
    public override Task SetSecurityStampAsync(Agent user, string stamp, CancellationToken ct = default)
    {
        // The first stamp (a new agent) ends nothing.
        if (user.SecurityStamp is not null && user.SecurityStamp != stamp && user.Id != 0)
            Context.OutboxMessages.Add(OutboxMessage.For(new AgentSessionsEnded(user.Id), clock.GetUtcNow().UtcDateTime));
        return base.SetSecurityStampAsync(user, stamp, ct);
    }
}
