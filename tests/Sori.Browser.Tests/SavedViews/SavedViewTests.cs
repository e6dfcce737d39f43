using System.Text.RegularExpressions;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.SavedViews;

public sealed class SavedViewTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task SaveFilteredInboxAsPersonalView_ShowsItInTheSidebarWithItsCount() => InBrowserAsync(async page =>
    {
        var tag = "view" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 2; i++)
            await Fixture.CreateTicketAsync($"보기 {tag} {i}", "본문", "한도윤", $"doyun-{tag}-{i}@example.kr", [tag]);
        var email = await Fixture.CreateAgentAsync("views");

        await SignInAsync(page, email, $"/?view=all&tag={tag}");
        await Expect(page.Locator("[data-test=ticket-row]")).ToHaveCountAsync(2);
        await page.Locator("[data-test=save-as-view]").ClickAsync();
        await Expect(page.Locator("[data-test=view-tag]")).ToHaveValueAsync(tag);
        await page.Locator("[data-test=view-name]").FillAsync("내 보기 " + tag);
        await page.Locator("[data-test=view-save]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/\?saved=\d+$"));
        await Expect(page.Locator("[data-test=view-title]")).ToHaveTextAsync("내 보기 " + tag);
        var link = page.Locator("[data-test=my-views] [data-test=saved-view]", new() { HasText = tag });
        await Expect(link.Locator("[data-test=saved-count]")).ToHaveTextAsync("2");
        await Expect(link).ToHaveClassAsync(new Regex("current"));
        await Expect(page.Locator("[data-test=ticket-row]")).ToHaveCountAsync(2);

        // Another agent does not see it.
        await using var other = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.Sori.BaseAddress.ToString() });
        var second = await other.NewPageAsync();
        await SignInAsync(second, WorkspaceFixture.AgentEmail);
        await Expect(second.Locator("[data-test=saved-view]", new() { HasText = tag })).ToHaveCountAsync(0);
    });
}
