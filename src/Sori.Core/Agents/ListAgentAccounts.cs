using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Agents;

/// <summary>An agent as the admin pages show them: role, state, 2FA and a pending sign-in link.</summary>
public sealed record AgentAccountView(long Id, string Name, string Email, string Role, bool IsActive, string Language, string TimeZone,
    bool TwoFactorEnabled, DateTime? LockedUntil, DateTime? SignInLinkExpiresAt, DateTime CreatedAt);

/// <summary>Every agent with what an admin needs to manage their account.</summary>
public sealed class ListAgentAccounts(SoriDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<AgentAccountView>> Handle(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.DisplayName).ThenBy(a => a.Id).ToListAsync(ct);
        var links = await db.UserTokens.AsNoTracking()
            .Where(t => t.LoginProvider == SignInLinks.Provider && t.Name == SignInLinks.Name)
            .Select(t => new { t.UserId, t.Value }).ToListAsync(ct);
        return agents.Select(a =>
        {
            var link = SignInLinks.ExpiresAt(links.FirstOrDefault(l => l.UserId == a.Id)?.Value);
            return new AgentAccountView(a.Id, a.DisplayName, a.Email ?? "", a.Role, a.IsActive, a.Language, a.TimeZone, a.TwoFactorEnabled,
                a.LockoutEnd > now ? a.LockoutEnd.Value.UtcDateTime : null, link > now.UtcDateTime ? link : null, a.CreatedAt);
        }).ToList();
    }
}
