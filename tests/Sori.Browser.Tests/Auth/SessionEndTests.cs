using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Auth;

/// <summary>An open workspace tab ends as soon as its agent's credentials stop holding, and does not come back.</summary>
public sealed partial class SessionEndTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task DeactivatedAgent_OpenTicketPage_GivesWayToSignIn_AndTheOldCookieDoesNotReopenIt() => InBrowserAsync(async page =>
    {
        var (agentId, email) = await Fixture.CreateAgentWithIdAsync("퇴사 예정");
        var (ticketId, _) = await Fixture.CreateTicketAsync("세션 종료 확인", "본문", "고객", $"s{Guid.NewGuid():N}@example.kr");
        await SignInAsync(page, email, $"/tickets/{ticketId}");
        await Expect(page.Locator("[data-test=subject]")).ToContainTextAsync("세션 종료 확인");

        var deactivated = await Fixture.AdminApi.PatchAsJsonAsync($"/api/v1/agents/{agentId}", new { isActive = false });
        deactivated.EnsureSuccessStatusCode();

        // Well before the periodic round (5 s) could have found it: the revocation itself ends the tab.
        await Expect(page).ToHaveURLAsync(SignInPage(), new() { Timeout = 4_000 });
        await page.GotoAsync($"/tickets/{ticketId}");
        await Expect(page).ToHaveURLAsync(SignInPage());
        await Expect(page.Locator("[data-test=subject]")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task NewPasswordElsewhere_EndsTheOtherTab() => InTwoBrowsersAsync(async (here, there) =>
    {
        var (_, email) = await Fixture.CreateAgentWithIdAsync("비밀번호 바꾸는 사람");
        await SignInAsync(there, email, "/");
        await SignInAsync(here, email, "/");
        await here.GotoAsync("/account");
        await here.Locator("[data-test=current-password]").FillAsync(SoriProcess.Password);
        await here.Locator("[data-test=new-password]").FillAsync("a-brand-new-passphrase");
        await here.Locator("[data-test=confirm-password]").FillAsync("a-brand-new-passphrase");
        await here.Locator("[data-test=change-password]").ClickAsync();
        await Expect(here.Locator("[data-test=password-changed]")).ToBeVisibleAsync();

        await Expect(there).ToHaveURLAsync(SignInPage(), new() { Timeout = 4_000 });
        // The tab that changed it stays signed in.
        await here.GotoAsync("/");
        await Expect(here.Locator("[data-interactive=true]")).ToBeVisibleAsync();
    });

    [GeneratedRegex("/login")]
    private static partial Regex SignInPage();
}
