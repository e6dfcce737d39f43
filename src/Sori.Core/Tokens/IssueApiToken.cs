using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Core.Tokens;

public sealed record IssueApiTokenRequest(string? Name, IReadOnlyList<string>? Scopes, DateTime? ExpiresAt = null);

public sealed record ApiTokenView(long Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt,
    DateTime? LastUsedAt, DateTime? ExpiresAt, DateTime? RevokedAt)
{
    public static ApiTokenView From(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.LastUsedAt, t.ExpiresAt, t.RevokedAt);
}

/// <summary>A token was revoked: connections made with it end, and every node forgets it at once.</summary>
public sealed record ApiTokenRevoked(long TokenId, string Prefix) : IDomainEvent
{
    public const string EventName = "token.revoked";
    public string Name => EventName;
}

/// <summary>Creates, lists and revokes API tokens. The plain token exists only in the create response.</summary>
public sealed class ApiTokens(SoriDbContext db, TimeProvider clock)
{
    public async Task<(ApiToken Token, string PlainText)> Issue(IssueApiTokenRequest r, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var scopes = (r.Scopes ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        new Validator()
            .Required("name", r.Name, Limits.Name)
            .When(scopes.Count == 0, "scopes", "must name at least one of: read, write, admin.")
            .When(scopes.Any(s => !TokenScopes.All.Contains(s)), "scopes", "must be among: read, write, admin.")
            .When(r.ExpiresAt is { } e && e <= now, "expiresAt", "must be in the future.")
            .ThrowIfInvalid();
        var (token, plain) = ApiToken.Issue(r.Name!, scopes, actor.AgentId, now, r.ExpiresAt?.ToUniversalTime());
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, plain);
    }

    public async Task<IReadOnlyList<ApiTokenView>> List(CancellationToken ct) =>
        (await db.ApiTokens.AsNoTracking().OrderByDescending(t => t.Id).ToListAsync(ct)).Select(ApiTokenView.From).ToList();

    /// <summary>Revokes the token (again is a no-op); live connections made with it close on every node.</summary>
    public async Task<ApiToken> Revoke(long id, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("API token", id);
        if (token.RevokedAt is not null) return token;
        var now = clock.GetUtcNow().UtcDateTime;
        token.Revoke(now);
        db.OutboxMessages.Add(OutboxMessage.For(new ApiTokenRevoked(token.Id, token.Prefix), now));
        await db.SaveChangesAsync(ct);
        return token;
    }
}
