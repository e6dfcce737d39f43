using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Sori.Core.Agents;
using Sori.Web.Auth;
using Sori.Web.Features.Auth;

namespace Sori.Web.Workspace;

/// <summary>
/// The agent's language is saved on the agent (so it follows them to another browser) and mirrored
/// in the culture cookie, which the request localization middleware reads on every request.
/// </summary>
public static class LanguageEndpoint
{
    public static void MapLanguageEndpoint(this WebApplication app)
    {
        app.MapGet("/language/apply", async (string? returnUrl, HttpContext http, UserManager<Agent> users) =>
        {
            var agent = await users.GetUserAsync(http.User);
            if (agent is not null) WriteCookie(http, agent.Language);
            return Results.LocalRedirect(LoginPage.SafeReturnUrl(returnUrl));
        }).ExcludeFromDescription();

        // The switch on statically rendered pages: saves the choice, then applies it like the GET above.
        app.MapPost("/language", async (HttpContext http, IAntiforgery antiforgery, UseCases useCases) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var form = await http.Request.ReadFormAsync();
            var language = form["language"].ToString();
            var me = http.ToActor();
            if (me.AgentId is { } id && WorkspaceServiceCollectionExtensions.Languages.Contains(language))
            {
                await useCases.Run<UpdateAgent>(u => u.Handle(id, new UpdateAgentRequest(Language: language), me, http.RequestAborted));
                WriteCookie(http, language);
            }
            return Results.LocalRedirect(LoginPage.SafeReturnUrl(form["returnUrl"].ToString()));
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    public static void WriteCookie(HttpContext http, string language)
    {
        if (!WorkspaceServiceCollectionExtensions.Languages.Contains(language)) language = "ko";
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
    }
}
