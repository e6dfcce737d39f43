using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Sori.Core.Data;
using Sori.Core.Tokens;

namespace Sori.Web.Auth;

/// <summary>
/// "Authorization: Bearer sori_…" tokens. Verified tokens are cached briefly so the hot path does
/// not hit the database on every request; revoking evicts the cache entry on this node, and
/// other nodes drop it within <see cref="CacheFor"/>.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SoriDbContext db, IMemoryCache cache, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Scheme = "ApiToken";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public static bool HasToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var plain = header["Bearer ".Length..].Trim();
        if (!ApiToken.TryParse(plain, out var prefix, out var secret)) return AuthenticateResult.Fail("Malformed API token.");

        var now = clock.GetUtcNow().UtcDateTime;
        var token = await cache.GetOrCreateAsync(CacheKey(prefix), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            return await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Prefix == prefix, Context.RequestAborted);
        });
        if (token is null || !token.Verify(secret, now)) return AuthenticateResult.Fail("Invalid, expired or revoked API token.");

        if (token.LastUsedAt is null || now - token.LastUsedAt > TouchEvery)
        {
            token.LastUsedAt = now;
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, token.Id.ToString()),
            new(ClaimTypes.Name, token.Name),
            new(SoriClaims.Kind, SoriClaims.KindToken),
        };
        claims.AddRange(token.Scopes.Select(s => new Claim(SoriClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme));
    }

    public static string CacheKey(string prefix) => "api-token:" + prefix;
}
