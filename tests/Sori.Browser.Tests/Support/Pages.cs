using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Support;

/// <summary>Small moves shared by the page tests.</summary>
public static class Pages
{
    /// <summary>Opens a workspace page and waits until its circuit is live (clicks before that do nothing).</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    public static ILocator Test(this IPage page, string name) => page.Locator($"[data-test={name}]");
    public static ILocator Test(this ILocator scope, string name) => scope.Locator($"[data-test={name}]");

    /// <summary>Signs in with a password (and a TOTP code when asked for one).</summary>
    public static async Task SignInWithAsync(IPage page, string email, string password, string? totpKey = null)
    {
        await page.GotoAsync("/login");
        await page.Test("email").FillAsync(email);
        await page.Test("password").FillAsync(password);
        await page.Test("sign-in").ClickAsync();
        if (totpKey is not null)
        {
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login/two-factor"));
            await page.Test("two-factor-code").FillAsync(Totp.Code(totpKey, DateTimeOffset.UtcNow));
            await page.Test("two-factor-submit").ClickAsync();
        }
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }
}
