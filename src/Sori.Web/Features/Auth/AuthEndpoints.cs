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
    /// <summary>An agent with two-factor sign-in on also sends <c>twoFactorCode</c> (from the app) or <c>recoveryCode</c>.</summary>
    public sealed record LoginRequest(string? Email, string? Password, bool RememberMe = false, string? TwoFactorCode = null, string? RecoveryCode = null);
    public sealed record Me(long Id, string Name, string Email, string Role, string Language, string TimeZone);

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/auth").WithTags("Auth");
        g.MapPost("/login", Login).AllowAnonymous();
        g.MapPost("/logout", Logout).AllowAnonymous();
        g.MapGet("/me", GetMe).RequireAuthorization(Policies.Read);
        g.MapPost("/password", ChangeOwnPassword).RequireAuthorization(Policies.Read);
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> Login(LoginRequest r, SignInManager<Agent> signIn,
        UserManager<Agent> users, IAuditLog audit, HttpContext http)
    {
        new Validator().Required("email", r.Email, Limits.Email).When(string.IsNullOrEmpty(r.Password), "password", "is required.").ThrowIfInvalid();
        var agent = await users.FindByEmailAsync(r.Email!.Trim());
        if (agent is null || !agent.IsActive)
            return TypedResults.Problem(statusCode: 401, title: "The email or password is incorrect.");
        var result = await signIn.CheckPasswordSignInAsync(agent, r.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return TypedResults.Problem(statusCode: 423, title: "The account is locked after too many failed attempts; try again later.");
        if (!result.Succeeded)
            return TypedResults.Problem(statusCode: 401, title: "The email or password is incorrect.");
        if (agent.TwoFactorEnabled && await SecondFactor(users, agent, r) is { } refused) return refused;
        await signIn.SignInWithClaimsAsync(agent, r.RememberMe, [new Claim("amr", agent.TwoFactorEnabled ? "mfa" : "pwd")]);
        audit.Record(new(ActorKind.Agent, agent.Id, agent.DisplayName, agent.Role, http.Connection.RemoteIpAddress?.ToString()),
            "agent.sign_in", "agent", agent.Id, null);
        return TypedResults.Ok(ToMe(agent));
    }

    /// <summary>The code from the authenticator app or a recovery code; a wrong one counts towards the lockout.</summary>
    private static async Task<ProblemHttpResult?> SecondFactor(UserManager<Agent> users, Agent agent, LoginRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.TwoFactorCode) && string.IsNullOrWhiteSpace(r.RecoveryCode))
            return TypedResults.Problem(statusCode: 401, title: "Two-factor sign-in is on for this account: send twoFactorCode or recoveryCode.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["twoFactorCode"] = ["is required."] } });
        var ok = !string.IsNullOrWhiteSpace(r.TwoFactorCode)
            ? await users.VerifyTwoFactorTokenAsync(agent, users.Options.Tokens.AuthenticatorTokenProvider, r.TwoFactorCode.Replace(" ", ""))
            : (await users.RedeemTwoFactorRecoveryCodeAsync(agent, r.RecoveryCode!.Trim())).Succeeded;
        if (ok)
        {
            await users.ResetAccessFailedCountAsync(agent);
            return null;
        }
        await users.AccessFailedAsync(agent);
        return await users.IsLockedOutAsync(agent)
            ? TypedResults.Problem(statusCode: 423, title: "The account is locked after too many failed attempts; try again later.")
            : TypedResults.Problem(statusCode: 401, title: "The two-factor code is incorrect.");
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

    /// <summary>The signed-in agent changes their password; their other sessions end, this one is renewed.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeOwnPassword(ChangePasswordRequest r, ChangePassword change,
        SignInManager<Agent> signIn, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        if (actor.AgentId is not { } id)
            return TypedResults.Problem(statusCode: 400, title: "Only a signed-in agent has a password; API tokens do not.");
        var agent = await change.Handle(id, r, ct);
        await signIn.RefreshSignInAsync(agent);
        audit.Record(actor, "agent.password_change", "agent", id, null);
        return TypedResults.NoContent();
    }

    public static Me ToMe(Agent a) => new(a.Id, a.DisplayName, a.Email ?? "", a.Role, a.Language, a.TimeZone);
}
