using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Localization;
using Sori.Web.Features.Auth;
using Sori.Web.Hosting;

namespace Sori.Web.Workspace;

/// <summary>The agent workspace: Blazor Server pages on the same host and port as the API.</summary>
public static class WorkspaceServiceCollectionExtensions
{
    public static readonly string[] Languages = ["ko", "en"];

    public static IServiceCollection AddSoriWorkspace(this IServiceCollection services, IConfiguration config)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // The default encoder writes every Hangul syllable as an 8-byte entity (&#xD55C;); pages are
        // UTF-8, so only the characters HTML needs escaped (<, >, &, quotes, controls) are escaped.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddCascadingAuthenticationState();
        // The circuit keeps the user it started with; Realtime/CircuitSessions signs it out when the credentials stop holding.
        services.AddScoped<AuthenticationStateProvider, Microsoft.AspNetCore.Components.Server.ServerAuthenticationStateProvider>();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // The framework's own cultures (read-only and shared): the middleware hands a culture that is
            // not read-only to each request as a fresh copy, whose number and date formats are then
            // rebuilt from ICU on first use — a parse of an id per request cost ~5 % of a ticket's CPU.
            var cultures = Languages.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture(cultures[0]);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // The saved choice (cookie) wins, then the desk's default language; a browser's Accept-Language does not override it.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new CustomRequestCultureProvider(async http =>
            {
                var desk = await http.RequestServices.GetRequiredService<DeskSettingsCache>().GetAsync(http.RequestAborted);
                return new ProviderCultureResult(desk.DefaultLanguage);
            })];
        });
        services.AddSingleton<DeskSettingsCache>();
        services.AddSingleton<DeskTime>();
        services.AddSingleton<FirstRunSetup>();
        services.AddSingleton<UseCases>();
        services.AddSingleton<CoreText>();
        return services;
    }

    public static WebApplication MapSoriWorkspace(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapWorkspaceAuthEndpoints();
        app.MapLanguageEndpoint();
        return app;
    }
}
