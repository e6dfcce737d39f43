using Microsoft.Playwright;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Auth;

public sealed class SignInTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task AnonymousVisitor_OpensWorkspacePage_IsSentToSignIn() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/tickets/1");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl=%2Ftickets%2F1$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("로그인");
    });

    [Fact]
    public Task SignIn_WrongPassword_ShowsErrorAndStaysOnSignIn() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/login");
        await page.Locator("[data-test=email]").FillAsync(WorkspaceFixture.AgentEmail);
        await page.Locator("[data-test=password]").FillAsync("not-the-password");
        await page.Locator("[data-test=sign-in]").ClickAsync();
        await Expect(page.Locator("[data-test=login-error]")).ToHaveTextAsync("이메일 또는 비밀번호가 올바르지 않습니다.");
    });

    [Fact]
    public Task Agent_OpensAdminUrl_SeesForbidden() => InBrowserAsync(async page =>
    {
        await SignInAsync(page, WorkspaceFixture.AgentEmail);
        var response = await page.GotoAsync("/admin/agents");
        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("[data-test=forbidden]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=agents]")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Admin_OpensAdminUrl_SeesAgents() => InBrowserAsync(async page =>
    {
        await SignInAsync(page, SoriProcess.AdminEmail, "/admin/agents");
        await Expect(page.Locator("[data-test=agents]")).ToContainTextAsync(WorkspaceFixture.AgentEmail);
    });

    [Fact]
    public Task SignOut_EndsTheSession() => InBrowserAsync(async page =>
    {
        await SignInAsync(page, WorkspaceFixture.AgentEmail);
        await page.Locator("[data-test=sign-out]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl=%2F$"));
    });
}
