using Sori.Core.Common;

namespace Sori.Core.Agents;

public sealed record InviteAgentRequest(string? Email, string? Name, string? Role = null, string? Language = null, string? TimeZone = null,
    bool WithPassword = false);

/// <summary>What the admin passes on to the new agent, shown once: a sign-in link's secret, or an initial password.</summary>
public sealed record Invitation(Agent Agent, string? SignInToken, DateTime? LinkExpiresAt, string? InitialPassword);

/// <summary>
/// Adds an agent who has no password yet: by default they get a one-time sign-in link on which they
/// choose their password; with <see cref="InviteAgentRequest.WithPassword"/> a generated initial
/// password instead. Either is returned once and stored only hashed.
/// </summary>
public sealed class InviteAgent(CreateAgent create, SignInLinks links)
{
    public async Task<Invitation> Handle(InviteAgentRequest r, CancellationToken ct)
    {
        // The password nobody learns (link) or the one the admin hands over; both pass Identity's rules.
        var password = AgentIdentity.GeneratePassword();
        var agent = await create.Handle(new CreateAgentRequest(r.Email, r.Name, password, r.Role, r.Language, r.TimeZone), ct);
        if (r.WithPassword) return new Invitation(agent, null, null, password);
        var link = await links.Issue(agent);
        return new Invitation(agent, link.Token, link.ExpiresAt, null);
    }
}
