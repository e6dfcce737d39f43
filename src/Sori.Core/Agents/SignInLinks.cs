using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Sori.Core.Common;

namespace Sori.Core.Agents;

/// <summary>
/// One-time sign-in links for invited agents (and agents an admin lets back in): a random secret
/// whose SHA-256 hash and expiry are kept in Identity's token table, so the link works on any node
/// and dies when used, when a new one is issued, or after <see cref="Lifetime"/>.
/// </summary>
public sealed class SignInLinks(UserManager<Agent> users, TimeProvider clock)
{
    public const string Provider = "Sori";
    public const string Name = "SignInLink";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    public sealed record Issued(string Token, DateTime ExpiresAt);

    /// <summary>Issues a new link for the agent, replacing any earlier one.</summary>
    public async Task<Issued> Issue(Agent agent)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = clock.GetUtcNow().UtcDateTime + Lifetime;
        var value = expires.Ticks.ToString(CultureInfo.InvariantCulture) + "." + Hash(token);
        var result = await users.SetAuthenticationTokenAsync(agent, Provider, Name, value);
        if (!result.Succeeded) throw AgentRules.ToValidation(result);
        return new Issued(token, expires);
    }

    /// <summary>True when the token is the agent's current, unexpired link.</summary>
    public async Task<bool> IsValid(Agent agent, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || !agent.IsActive) return false;
        var stored = await users.GetAuthenticationTokenAsync(agent, Provider, Name);
        if (stored?.Split('.') is not [var ticks, var hash] || !long.TryParse(ticks, CultureInfo.InvariantCulture, out var t)) return false;
        if (t < 0 || t > DateTime.MaxValue.Ticks || new DateTime(t, DateTimeKind.Utc) <= clock.GetUtcNow().UtcDateTime) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(token)));
    }

    /// <summary>When the agent's pending link expires, or null when there is none.</summary>
    public static DateTime? ExpiresAt(string? stored) =>
        stored?.Split('.') is [var ticks, _] && long.TryParse(ticks, CultureInfo.InvariantCulture, out var t) && t is >= 0 && t <= 3155378975999999999
            ? new DateTime(t, DateTimeKind.Utc) : null;

    public Task Remove(Agent agent) => users.RemoveAuthenticationTokenAsync(agent, Provider, Name);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
