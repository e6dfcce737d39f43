using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Sori.Core.Agents;

namespace Sori.Web.Features.Auth;

/// <summary>Browser sign-out for the workspace (the API has its own under /api/v1/auth).</summary>
public static class WorkspaceAuthEndpoints
{
    public static void MapWorkspaceAuthEndpoints(this WebApplication app)
    {
        app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<Agent> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }
}
