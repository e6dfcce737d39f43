using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sori.Core.Channels.Email;
using Sori.Core.Data;

namespace Sori.Infrastructure.Email;

/// <summary>An access token to sign in with; <c>Fresh</c> when it was just issued (refusing it again means something else is wrong).</summary>
public sealed record MailToken(string AccessToken, bool Fresh);

/// <summary>Where a connection that signs in with OAuth2 gets its token (one mailbox's grant).</summary>
public interface IMailTokenSource
{
    OAuth2Mechanism Mechanism { get; }
    bool CanRefresh { get; }
    /// <summary>The token to use; with <paramref name="refresh"/>, a new one because the server refused the last.</summary>
    Task<MailToken> GetAsync(bool refresh, CancellationToken ct);
}

/// <summary>
/// Hands out mailboxes' OAuth2 access tokens and refreshes them at the provider's token endpoint:
/// before they expire (within <see cref="Skew"/>), and once when a server refuses one. A refresh on
/// this node waits for another of the same mailbox; a token another node refreshed meanwhile is taken
/// from the database instead of asking again. New tokens (and a rotated refresh token) are written to
/// the grant only, so pollers of the mailbox carry on; failures are recorded there for the admin.
/// </summary>
public sealed class MailAccessTokens(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MailAccessTokens> log)
{
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _locks = new();

    /// <summary>The token source of a mailbox, or null when it has no OAuth2 grant.</summary>
    public async Task<IMailTokenSource?> ForAsync(long mailboxId, CancellationToken ct)
    {
        var grant = await LoadAsync(mailboxId, ct);
        return grant is null ? null : new Source(this, mailboxId, grant.Mechanism, grant.CanRefresh);
    }

    private async Task<MailToken> GetAsync(long mailboxId, string? refused, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(mailboxId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var grant = await LoadAsync(mailboxId, ct)
                        ?? throw new MailConnectionException("token", "The mailbox's OAuth2 settings were removed.");
            var now = clock.GetUtcNow().UtcDateTime;
            var usable = grant.AccessToken is { } current && current != refused && (grant.AccessTokenExpiresAt is not { } exp || exp - Skew > now);
            if (usable) return new MailToken(grant.AccessToken!, Fresh: refused is not null);
            if (!grant.CanRefresh)
            {
                if (grant.AccessToken is { } only && refused is null) return new MailToken(only, Fresh: true); // nothing better to try
                throw new MailConnectionException("token", grant.AccessToken is null
                    ? "The mailbox has no OAuth2 access token and no refresh token to get one with."
                    : "The OAuth2 access token was refused or has expired, and there is no refresh token to get a new one: enter a new access token or a refresh token.");
            }
            return await RefreshAsync(mailboxId, grant, now, ct);
        }
        finally { gate.Release(); }
    }

    private async Task<MailToken> RefreshAsync(long mailboxId, MailboxOAuth2 grant, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var used = grant.RefreshToken;
        OAuth2Tokens tokens;
        try { tokens = await scope.ServiceProvider.GetRequiredService<OAuth2TokenEndpoint>().RefreshAsync(grant, ct); }
        catch (OAuth2RefreshException e)
        {
            var error = Clip($"Refreshing the access token at {grant.TokenUrl} failed: {e.Message}");
            await db.Set<MailboxOAuth2>().Where(g => g.MailboxId == mailboxId).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.LastError, error).SetProperty(g => g.LastErrorAt, now), CancellationToken.None);
            log.LogWarning("Mailbox {Mailbox}: {Error}", mailboxId, error);
            throw new MailConnectionException("token", error, e);
        }
        // Only if the admin did not enter other credentials meanwhile.
        var saved = await db.Set<MailboxOAuth2>().Where(g => g.MailboxId == mailboxId && g.RefreshToken == used).ExecuteUpdateAsync(s => s
            .SetProperty(g => g.AccessToken, tokens.AccessToken)
            .SetProperty(g => g.AccessTokenExpiresAt, tokens.ExpiresAt)
            .SetProperty(g => g.RefreshToken, tokens.RefreshToken ?? used)
            .SetProperty(g => g.RefreshedAt, now)
            .SetProperty(g => g.LastError, (string?)null)
            .SetProperty(g => g.LastErrorAt, (DateTime?)null), CancellationToken.None);
        log.LogInformation("Mailbox {Mailbox}: refreshed its OAuth2 access token (expires {ExpiresAt:O}{Saved})", mailboxId, tokens.ExpiresAt,
            saved == 1 ? "" : "; not saved, the settings changed meanwhile");
        return new MailToken(tokens.AccessToken, Fresh: true);
    }

    private async Task<MailboxOAuth2?> LoadAsync(long mailboxId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SoriDbContext>().Set<MailboxOAuth2>().AsNoTracking()
            .FirstOrDefaultAsync(g => g.MailboxId == mailboxId, ct);
    }

    private static string Clip(string s) => s.Length <= MailLimits.Error ? s : s[..MailLimits.Error];

    private sealed class Source(MailAccessTokens tokens, long mailboxId, OAuth2Mechanism mechanism, bool canRefresh) : IMailTokenSource
    {
        private string? _last;
        public OAuth2Mechanism Mechanism => mechanism;
        public bool CanRefresh => canRefresh;

        public async Task<MailToken> GetAsync(bool refresh, CancellationToken ct)
        {
            var token = await tokens.GetAsync(mailboxId, refresh ? _last ?? "" : null, ct);
            _last = token.AccessToken;
            return token;
        }
    }
}
