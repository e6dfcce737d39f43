using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using Sori.Core.Audit;
using Sori.Core.Tokens;
using Sori.Web.Auth;

namespace Sori.Web.Features.Tokens;

public static class TokenEndpoints
{
    /// <summary>The create response is the only place the plain token ever appears.</summary>
    public sealed record IssuedToken(ApiTokenView Token, string PlainText);

    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tokens").WithTags("API tokens").RequireAuthorization(Policies.Admin);
        g.MapGet("/", async (ApiTokens tokens, CancellationToken ct) => TypedResults.Ok(await tokens.List(ct)));
        g.MapPost("/", Issue);
        g.MapDelete("/{id:long}", Revoke);
    }

    private static async Task<Created<IssuedToken>> Issue(IssueApiTokenRequest request, ApiTokens tokens, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var (token, plain) = await tokens.Issue(request, actor, ct);
        audit.Record(actor, "token.create", "token", token.Id, null, string.Join(',', token.Scopes));
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", new IssuedToken(ApiTokenView.From(token), plain));
    }

    private static async Task<NoContent> Revoke(long id, ApiTokens tokens, IMemoryCache cache, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var token = await tokens.Revoke(id, ct);
        cache.Remove(ApiTokenAuthenticationHandler.CacheKey(token.Prefix));
        audit.Record(http.ToActor(), "token.revoke", "token", id, null);
        return TypedResults.NoContent();
    }
}
