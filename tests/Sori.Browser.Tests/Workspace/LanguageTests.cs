using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Workspace;

public sealed class LanguageTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task SwitchLanguage_ToEnglishAndBack_ChangesTheWorkspaceAndIsSavedForTheAgent() => InBrowserAsync(async page =>
    {
        var email = await Fixture.CreateAgentAsync("language");
        await SignInAsync(page, email);
        var inbox = page.Locator(".topbar nav a").First;
        await Expect(inbox).ToHaveTextAsync("받은 편지함");

        await page.Locator("[data-test=lang-en]").ClickAsync();
        await Expect(inbox).ToHaveTextAsync("Inbox");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await WaitForLiveAsync(page);

        // Saved on the agent: another browser gets English as soon as the agent signs in there.
        await using (var other = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.Sori.BaseAddress.ToString() }))
        {
            var second = await other.NewPageAsync();
            await SignInAsync(second, email);
            await Expect(second.Locator(".topbar nav a").First).ToHaveTextAsync("Inbox");
        }

        await page.Locator("[data-test=lang-ko]").ClickAsync();
        await Expect(inbox).ToHaveTextAsync("받은 편지함");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
    });
}
