using Microsoft.AspNetCore.Identity;
using Sori.Core.Common;

namespace Sori.Core.Agents;

public sealed record CreateAgentRequest(string? Email, string? Name, string? Password, string? Role = null, string? Language = null, string? TimeZone = null);

/// <summary>Adds an agent who can sign in; Identity enforces the password rules and unique email.</summary>
public sealed class CreateAgent(UserManager<Agent> users, TimeProvider clock)
{
    public async Task<Agent> Handle(CreateAgentRequest r, CancellationToken ct)
    {
        var v = new Validator()
            .Required("email", r.Email, Limits.Email).Email("email", r.Email)
            .Required("name", r.Name, Limits.Name)
            .When(string.IsNullOrEmpty(r.Password), "password", "is required.")
            .When(r.Role is not null && !Roles.All.Contains(r.Role), "role", "must be Admin, Lead or Agent.")
            .When(r.Language is not (null or "ko" or "en"), "language", "must be ko or en.");
        AgentRules.CheckTimeZone(v, r.TimeZone);
        v.ThrowIfInvalid();
        EmailAddress.TryNormalize(r.Email, out var email);
        if (await users.FindByEmailAsync(email) is not null) throw ValidationException.For("email", "An agent with this email already exists.");

        var agent = new Agent
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = r.Name!.Trim(),
            Role = r.Role ?? Roles.Agent, Language = r.Language ?? "ko", TimeZone = r.TimeZone ?? "Asia/Seoul",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(agent, r.Password!);
        if (!result.Succeeded) throw AgentRules.ToValidation(result);
        return agent;
    }
}

public static class AgentRules
{
    public static void CheckTimeZone(Validator v, string? timeZone)
    {
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            v.Add("timeZone", "is not a known time zone (e.g. Asia/Seoul).");
    }

    public static ValidationException ToValidation(IdentityResult result) => new(result.Errors
        .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password"
            : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "agent")
        .ToDictionary(g => g.Key, g => g.Select(AgentErrorDescriber.TextOf).ToArray()));
}
