using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Sori.Core.Agents;
using Sori.Core.Audit;
using Sori.Core.Common;
using Sori.Web.Auth;

namespace Sori.Web.Features.Auth;

public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password, bool RememberMe = false);
    public sealed record Me(long Id, string Name, string Email, string Role, string Language, string TimeZone);

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/auth").WithTags("Auth");
        g.MapPost("/login", Login).AllowAnonymous();
        g.MapPost("/logout", Logout).AllowAnonymous();
        g.MapGet("/me", GetMe).RequireAuthorization(Policies.Read);
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> Login(LoginRequest r, SignInManager<Agent> signIn,
        UserManager<Agent> users, IAuditLog audit, HttpContext http)
    {
        new Validator().Required("email", r.Email, Limits.Email).When(string.IsNullOrEmpty(r.Password), "password", "is required.").ThrowIfInvalid();
        var agent = await users.FindByEmailAsync(r.Email!.Trim());
        if (agent is null || !agent.IsActive)
            return TypedResults.Problem(statusCode: 401, title: "The email or password is incorrect.");
        var result = await signIn.PasswordSignInAsync(agent, r.Password, r.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return TypedResults.Problem(statusCode: 423, title: "The account is locked after too many failed attempts; try again later.");
        if (!result.Succeeded)
            return TypedResults.Problem(statusCode: 401, title: "The email or password is incorrect.");
        audit.Record(new(ActorKind.Agent, agent.Id, agent.DisplayName, agent.Role, http.Connection.RemoteIpAddress?.ToString()),
            "agent.sign_in", "agent", agent.Id, null);
        return TypedResults.Ok(ToMe(agent));
    }

    private static async Task<NoContent> Logout(SignInManager<Agent> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> GetMe(ClaimsPrincipal user, UserManager<Agent> users)
    {
        if (user.FindFirstValue(SoriClaims.Kind) != SoriClaims.KindAgent)
            return TypedResults.Problem(statusCode: 400, title: "This endpoint describes the signed-in agent; API tokens have no profile.");
        var agent = await users.GetUserAsync(user);
        return agent is null ? TypedResults.Problem(statusCode: 401, title: "Not signed in.") : TypedResults.Ok(ToMe(agent));
    }

    public static Me ToMe(Agent a) => new(a.Id, a.DisplayName, a.Email ?? "", a.Role, a.Language, a.TimeZone);
}
