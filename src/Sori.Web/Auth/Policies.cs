using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Sori.Core.Common;
using Sori.Core.Tokens;

namespace Sori.Web.Auth;

/// <summary>
/// Four levels, each satisfied by an agent role or a token scope:
/// read (any agent, token read/write/admin), write (any agent, token write/admin),
/// lead (Lead or Admin, token admin) and admin (Admin, token admin).
/// </summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Lead = "lead";
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(Read, p => p.RequireAssertion(c => Allows(c.User, Roles.All, [TokenScopes.Read, TokenScopes.Write, TokenScopes.Admin])));
        o.AddPolicy(Write, p => p.RequireAssertion(c => Allows(c.User, Roles.All, [TokenScopes.Write, TokenScopes.Admin])));
        o.AddPolicy(Lead, p => p.RequireAssertion(c => Allows(c.User, [Roles.Lead, Roles.Admin], [TokenScopes.Admin])));
        o.AddPolicy(Admin, p => p.RequireAssertion(c => Allows(c.User, [Roles.Admin], [TokenScopes.Admin])));
        o.FallbackPolicy = o.GetPolicy(Read);
    }

    private static bool Allows(ClaimsPrincipal user, string[] roles, string[] scopes) =>
        user.FindFirstValue(SoriClaims.Kind) switch
        {
            SoriClaims.KindAgent => roles.Contains(user.FindFirstValue(ClaimTypes.Role)),
            SoriClaims.KindToken => user.FindAll(SoriClaims.Scope).Any(s => scopes.Contains(s.Value)),
            _ => false,
        };
}
