using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Sori.Browser.Tests.Support;

/// <summary>Each test gets a fresh browser context; a failing test leaves a full-page screenshot behind.</summary>
[Collection(WorkspaceCollection.Name)]
public abstract class BrowserTest(WorkspaceFixture fixture)
{
    /// <summary>
    /// How long an action or an Expect(...) assertion waits. CI runs the four test projects at once on two
    /// cores, so a page can take seconds to answer; Playwright's own Expect default (5 s) is too short there.
    /// </summary>
    public const int Timeout = 15_000;
    public static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
    protected WorkspaceFixture Fixture => fixture;
    protected string Url(string path) => new Uri(fixture.Sori.BaseAddress, path).ToString();

    protected async Task InBrowserAsync(Func<IPage, Task> steps, [CallerMemberName] string name = "")
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Sori.BaseAddress.ToString() });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        try
        {
            await steps(page);
        }
        catch (Exception)
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            var file = Path.Combine(ScreenshotDirectory, $"{GetType().Name}.{name}.png");
            try { await page.ScreenshotAsync(new() { Path = file, FullPage = true }); } catch (PlaywrightException) { }
            await File.WriteAllTextAsync(Path.ChangeExtension(file, ".sori.log"), fixture.Sori.Output);
            throw;
        }
    }

    /// <summary>Two people at once: a browser context each (separate cookies), screenshots of both on failure.</summary>
    protected async Task InTwoBrowsersAsync(Func<IPage, IPage, Task> steps, [CallerMemberName] string name = "")
    {
        await using var first = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Sori.BaseAddress.ToString() });
        await using var second = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Sori.BaseAddress.ToString() });
        first.SetDefaultTimeout(Timeout);
        second.SetDefaultTimeout(Timeout);
        var (one, two) = (await first.NewPageAsync(), await second.NewPageAsync());
        try
        {
            await steps(one, two);
        }
        catch (Exception)
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            var file = Path.Combine(ScreenshotDirectory, $"{GetType().Name}.{name}");
            foreach (var (page, n) in new[] { (one, 1), (two, 2) })
                try { if (!page.IsClosed) await page.ScreenshotAsync(new() { Path = $"{file}.{n}.png", FullPage = true }); } catch (PlaywrightException) { }
            await File.WriteAllTextAsync(file + ".sori.log", fixture.Sori.Output);
            throw;
        }
    }

    /// <summary>Signs in on /login and waits until the workspace is live (the Blazor circuit is connected).</summary>
    protected static async Task SignInAsync(IPage page, string email, string path = "/")
    {
        await page.GotoAsync("/login?ReturnUrl=" + Uri.EscapeDataString(path));
        await page.Locator("[data-test=email]").FillAsync(email);
        await page.Locator("[data-test=password]").FillAsync(SoriProcess.Password);
        await page.Locator("[data-test=sign-in]").ClickAsync();
        await WaitForLiveAsync(page);
    }

    /// <summary>Pages are prerendered; clicks only work once the circuit has taken over the page.</summary>
    protected static Task WaitForLiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync();
}
