using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Sori.Core.Agents;
using Sori.Web.Realtime;

namespace Sori.Web.Auth;

public static class AuthServiceCollectionExtensions
{
    public const string SmartScheme = "Sori";

    /// <summary>Agents sign in with Identity cookies; scripts use bearer API tokens. One policy scheme picks per request.</summary>
    public static IServiceCollection AddSoriAuth(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API token", o => o.ForwardDefaultSelector = http =>
                ApiTokenAuthenticationHandler.HasToken(http.Request) ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.AddSoriIdentity()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AgentClaimsFactory>();

        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "sori.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/forbidden";
            // The API and the live hub answer 401/403; only browser pages are redirected to the sign-in page.
            // Identity checks the cookie's security stamp once a minute; right after an agent's sessions
            // were ended (deactivation, a new password, ...) it is checked on every request instead.
            var checkStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async c =>
            {
                await checkStamp(c);
                if (c.Principal is { } p && c.HttpContext.RequestServices.GetService<LiveSessions>() is { } sessions
                    && sessions.RecentlyEnded(p) && !await sessions.IsValidAsync(p, c.HttpContext.RequestAborted))
                {
                    c.RejectPrincipal();
                    await c.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
            o.Events.OnRedirectToLogin = c => Answer(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Answer(c, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization(Policies.Add);
        return services;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> c, int status)
    {
        if (c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/hubs"))
        {
            c.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }
}
