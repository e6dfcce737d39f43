using System.Globalization;
using System.Security.Claims;
using Sori.Core.Common;

namespace Sori.Web.Auth;

public static class SoriClaims
{
    public const string Kind = "sori:kind";
    public const string Scope = "sori:scope";
    public const string KindAgent = "agent";
    public const string KindToken = "token";

    /// <summary>The caller as the use cases see it: agent or token, with role and address for the audit log.</summary>
    public static Actor ToActor(this HttpContext http) => http.User.ToActor(http.Connection.RemoteIpAddress?.ToString());

    /// <summary>The same for a Blazor circuit, where there is no request to take the address from.</summary>
    public static Actor ToActor(this ClaimsPrincipal user, string? ip)
    {
        if (user.Identity?.IsAuthenticated != true) return Actor.System with { IpAddress = ip };
        var id = long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (long?)null;
        var name = user.FindFirstValue(ClaimTypes.Name) ?? "";
        return user.FindFirstValue(Kind) == KindToken
            // An admin-scoped token acts with an admin's rights (as the policies grant it), e.g. on shared macros.
            ? new Actor(ActorKind.ApiToken, id, "token:" + name, user.HasClaim(Scope, Sori.Core.Tokens.TokenScopes.Admin) ? Roles.Admin : null, ip)
            : new Actor(ActorKind.Agent, id, name, user.FindFirstValue(ClaimTypes.Role), ip);
    }

    /// <summary>Key that separates idempotency records of different callers.</summary>
    public static string PrincipalKey(this ClaimsPrincipal user) =>
        $"{user.FindFirstValue(Kind)}:{user.FindFirstValue(ClaimTypes.NameIdentifier)}";
}
