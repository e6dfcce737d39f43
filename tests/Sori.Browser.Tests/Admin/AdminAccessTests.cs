using Microsoft.Playwright;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Admin;

/// <summary>Who may open which page: anonymous visitors are sent to sign in, agents and leads get a 403 page.</summary>
public sealed class AdminAccessTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] LeadPages = ["/admin", "/admin/agents", "/admin/teams", "/admin/tags", "/admin/fields"];
    private static readonly string[] AdminOnlyPages = ["/admin/tokens", "/admin/webhooks", "/admin/webhooks/1", "/admin/audit", "/admin/settings",
        "/admin/mailboxes", "/admin/mailboxes/new", "/admin/mailboxes/1"];
    private static readonly string[] AgentPages = ["/", "/inbox?view=all", "/tickets/1", "/customers", "/customers/1", "/organizations", "/organizations/1",
        "/account", "/account/two-factor"];

    [Fact]
    public Task Anonymous_EveryWorkspaceRoute_IsSentToSignIn() => InBrowserAsync(async page =>
    {
        foreach (var path in AgentPages.Concat(LeadPages).Concat(AdminOnlyPages))
        {
            await page.GotoAsync(path);
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(
                "/login\\?ReturnUrl=" + System.Text.RegularExpressions.Regex.Escape(Uri.EscapeDataString(path)) + "$"));
            await Expect(page.Locator("h1")).ToHaveTextAsync("로그인");
        }
    });

    [Fact]
    public Task Agent_EveryAdminPage_Shows403() => InBrowserAsync(async page =>
    {
        await SignInAsync(page, WorkspaceFixture.AgentEmail);
        foreach (var path in LeadPages.Concat(AdminOnlyPages))
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == 403, $"{path}: {response.Status}");
            await Expect(page.Test("forbidden")).ToBeVisibleAsync();
            await Expect(page.Test("admin-nav")).ToHaveCountAsync(0);
        }
        await Expect(page.Test("nav-admin")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Lead_SeesAgentsReadOnly_AndGets403OnAdminOnlyPages() => InBrowserAsync(async page =>
    {
        var lead = await Fixture.CreateAgentAsync("팀장", "Lead");
        await SignInAsync(page, lead, "/admin/agents");
        await Expect(page.Test("agents")).ToContainTextAsync(WorkspaceFixture.AgentEmail);
        await Expect(page.Test("invite")).ToHaveCountAsync(0);
        await Expect(page.Test("role")).ToHaveCountAsync(0);
        foreach (var path in AdminOnlyPages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == 403, $"{path}: {response.Status}");
        }
    });
}
