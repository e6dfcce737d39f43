using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;

namespace Sori.Core.Agents;

/// <summary>The key to enter in an authenticator app, as text and as an otpauth:// URI for a QR code.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri);

/// <summary>
/// Optional TOTP two-factor sign-in for agents (Identity's authenticator provider): enrol with a key,
/// turn on by proving a code, recovery codes shown once, off with the password, or reset by an admin.
/// Each change renews the security stamp, so other sessions must sign in again.
/// </summary>
public sealed class ManageTwoFactor(UserManager<Agent> users)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The agent's pending key (a new one if there is none); 2FA stays off until <see cref="Enable"/>.</summary>
    public async Task<AuthenticatorSetup> Setup(long agentId, string issuer, CancellationToken ct)
    {
        var agent = await Find(agentId, ct);
        if (agent.TwoFactorEnabled) throw new ConflictException("Two-factor sign-in is already on; turn it off first to enrol a new device.");
        var key = await users.GetAuthenticatorKeyAsync(agent);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(agent);
            key = await users.GetAuthenticatorKeyAsync(agent);
        }
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(agent.Email ?? agent.UserName ?? agent.Id.ToString());
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        return new AuthenticatorSetup(Group(key!), uri);
    }

    /// <summary>Turns 2FA on when the code matches the pending key; returns the recovery codes (shown once).</summary>
    public async Task<IReadOnlyList<string>> Enable(long agentId, string? code, CancellationToken ct)
    {
        var agent = await Find(agentId, ct);
        if (agent.TwoFactorEnabled) throw new ConflictException("Two-factor sign-in is already on.");
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(agent))) throw new ConflictException("Start the set-up first.");
        if (!await VerifyCode(agent, code)) throw ValidationException.For("code", "is not the current code of the authenticator app.");
        await users.SetTwoFactorEnabledAsync(agent, true);
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(agent, RecoveryCodeCount))?.ToList() ?? [];
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodes(long agentId, CancellationToken ct)
    {
        var agent = await Find(agentId, ct);
        if (!agent.TwoFactorEnabled) throw new ConflictException("Two-factor sign-in is off.");
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(agent, RecoveryCodeCount))?.ToList() ?? [];
    }

    /// <summary>The agent turns 2FA off, proving it is them with their password.</summary>
    public async Task Disable(long agentId, string? password, CancellationToken ct)
    {
        var agent = await Find(agentId, ct);
        if (string.IsNullOrEmpty(password)) throw ValidationException.For("password", "is required.");
        if (!await users.CheckPasswordAsync(agent, password))
        {
            await users.AccessFailedAsync(agent);
            throw ValidationException.For("password", "is incorrect.");
        }
        await TurnOff(agent);
    }

    /// <summary>An admin turns 2FA off for an agent who lost their device; the agent is signed out everywhere.</summary>
    public async Task Reset(long agentId, CancellationToken ct) => await TurnOff(await Find(agentId, ct));

    public async Task<int> RecoveryCodesLeft(long agentId, CancellationToken ct) =>
        await users.CountRecoveryCodesAsync(await Find(agentId, ct));

    private async Task TurnOff(Agent agent)
    {
        await users.SetTwoFactorEnabledAsync(agent, false);
        // A fresh key: a device enrolled before cannot produce codes for the next enrolment.
        await users.ResetAuthenticatorKeyAsync(agent);
        await users.RemoveAuthenticationTokenAsync(agent, "[AspNetUserStore]", "RecoveryCodes");
    }

    private async Task<bool> VerifyCode(Agent agent, string? code)
    {
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return digits.Length is 6 && digits.All(char.IsAsciiDigit)
               && await users.VerifyTwoFactorTokenAsync(agent, users.Options.Tokens.AuthenticatorTokenProvider, digits);
    }

    private async Task<Agent> Find(long id, CancellationToken ct) =>
        await users.Users.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("Agent", id);

    /// <summary>"abcd efgh ..." is easier to type than one long run of letters.</summary>
    private static string Group(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4) sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return sb.ToString().TrimEnd().ToLowerInvariant();
    }
}
