using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Sori.Core.Agents;
using Sori.Web.Features.Auth;

namespace Sori.Web.Workspace;

/// <summary>
/// The agent's language is saved on the agent (so it follows them to another browser) and mirrored
/// in the culture cookie, which the request localization middleware reads on every request.
/// </summary>
public static class LanguageEndpoint
{
    public static void MapLanguageEndpoint(this WebApplication app) =>
        app.MapGet("/language/apply", async (string? returnUrl, HttpContext http, UserManager<Agent> users) =>
        {
            var agent = await users.GetUserAsync(http.User);
            if (agent is not null) WriteCookie(http, agent.Language);
            return Results.LocalRedirect(LoginPage.SafeReturnUrl(returnUrl));
        }).ExcludeFromDescription();

    public static void WriteCookie(HttpContext http, string language)
    {
        if (!WorkspaceServiceCollectionExtensions.Languages.Contains(language)) language = "ko";
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
    }
}
