using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Admin;

public sealed class AdminPagesTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [Fact]
    public Task Admin_CreatesATag_AndMarkupIsRefusedAsText() => InBrowserAsync(async page =>
    {
        var name = Unique("vip 고객");
        await SignInAsync(page, SoriProcess.AdminEmail, "/admin/tags");
        await page.Test("tag-name").FillAsync(name);
        await page.Test("tag-description").FillAsync("단골 고객");
        await page.Test("tag-save").ClickAsync();

        var row = page.Locator($"[data-test=tag-row][data-name='{name.Replace(' ', '-')}']");
        await Expect(row).ToContainTextAsync("단골 고객");
        await Expect(page.Test("notice")).ToBeVisibleAsync();

        await page.Test("tag-name").FillAsync("<img src=x onerror=alert(1)>");
        await page.Test("tag-save").ClickAsync();
        await Expect(page.Test("error")).ToContainTextAsync("HTML이 아닌 일반 텍스트여야 합니다");
        await Expect(page.Locator("main img[src=x]")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Admin_CreatesADropdownCustomerField_ThatCustomerProfilesOffer() => InBrowserAsync(async page =>
    {
        var key = "grade_" + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync(page, SoriProcess.AdminEmail, "/admin/fields");
        await page.Test("field-key").FillAsync(key);
        await page.Test("field-entity").SelectOptionAsync("customer");
        await page.Test("field-type").SelectOptionAsync("dropdown");
        await page.Test("field-name-ko").FillAsync("회원 등급");
        await page.Test("field-name-en").FillAsync("Member grade");
        await page.Test("field-options").FillAsync("골드\n실버\n<b>브론즈</b>");
        await page.Test("field-save").ClickAsync();
        await Expect(page.Test("error")).ToContainTextAsync("선택지: HTML이 아닌 일반 텍스트여야 합니다.");

        await page.Test("field-options").FillAsync("골드\n실버");
        await page.Test("field-save").ClickAsync();
        await Expect(page.Locator($"[data-test=field-row][data-key={key}]")).ToContainTextAsync("골드, 실버");

        var customer = await Fixture.CreateCustomerAsync("한지민", $"jimin{Guid.NewGuid():N}@example.kr");
        await Pages.OpenAsync(page, $"/customers/{customer}");
        await page.Locator($"[data-test=cf-{key}]").SelectOptionAsync("실버");
        await page.Test("profile-save").ClickAsync();
        await Expect(page.Test("notice")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.Locator($"[data-test=cf-{key}]")).ToHaveValueAsync("실버");
    });

    [Fact]
    public Task Admin_CreatesATeamWithAMember() => InBrowserAsync(async page =>
    {
        var name = Unique("배송팀");
        await SignInAsync(page, SoriProcess.AdminEmail, "/admin/teams");
        await page.Test("team-name").FillAsync(name);
        await page.Test("team-description").FillAsync("배송 문의 담당");
        await page.Locator($"[data-test=member][data-email='{WorkspaceFixture.AgentEmail}']").CheckAsync();
        await page.Test("team-save").ClickAsync();

        var row = page.Test("team-row").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("김상담");
        await Expect(row).ToContainTextAsync("배송 문의 담당");
    });

    [Fact]
    public Task RefusalsFromTheUseCases_ShowInThePagesLanguage() => InBrowserAsync(async page =>
    {
        // An admin of its own: the language choice is saved on the agent.
        var admin = await Fixture.CreateAgentAsync("언어 관리자", "Admin");
        var name = Unique("중복팀");
        await SignInAsync(page, admin, "/admin/teams");
        await page.Test("team-name").FillAsync(name);
        await page.Test("team-save").ClickAsync();
        await Expect(page.Test("team-row").Filter(new() { HasText = name })).ToBeVisibleAsync();

        await page.Test("team-name").FillAsync(name);
        await page.Test("team-save").ClickAsync();
        await Expect(page.Test("error")).ToHaveTextAsync("이름: 이 이름의 팀이 이미 있습니다.");
        await page.Test("team-name").FillAsync("<b>굵은 팀</b>");
        await page.Test("team-save").ClickAsync();
        await Expect(page.Test("error")).ToHaveTextAsync("이름: HTML이 아닌 일반 텍스트여야 합니다.");

        await page.Test("lang-en").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await WaitForLiveAsync(page);
        await page.Test("team-name").FillAsync(name);
        await page.Test("team-save").ClickAsync();
        await Expect(page.Test("error")).ToHaveTextAsync("Name: A team with this name already exists.");
        await page.Test("team-name").FillAsync("<b>bold team</b>");
        await page.Test("team-save").ClickAsync();
        await Expect(page.Test("error")).ToHaveTextAsync("Name: must be plain text, not HTML.");
    });

    [Fact]
    public Task Admin_CreatesAToken_ItWorks_ThenRevokesIt() => InBrowserAsync(async page =>
    {
        var name = Unique("crm");
        await SignInAsync(page, SoriProcess.AdminEmail, "/admin/tokens");
        await page.Test("token-name").FillAsync(name);
        await page.Test("scope-write").CheckAsync();
        await page.Test("token-save").ClickAsync();
        var plain = (await page.Test("secret").InnerTextAsync()).Trim();
        Assert.StartsWith("sori_", plain);

        using var api = new HttpClient { BaseAddress = Fixture.Sori.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", plain);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/tickets?limit=1")).StatusCode);

        await page.Test("dismiss").ClickAsync();
        await Expect(page.Test("secret")).ToHaveCountAsync(0);
        var row = page.Locator($"[data-test=token-row][data-name='{name}']");
        await Expect(row).ToContainTextAsync("read, write");
        await row.Test("revoke").ClickAsync();
        await row.Test("confirm").ClickAsync();
        await Expect(row.Test("token-state")).ToContainTextAsync("폐기");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/tickets?limit=1")).StatusCode);
    });

    [Fact]
    public Task Admin_InvitesAnAgentWithALink_TheAgentSetsAPasswordAndIsIn() => InBrowserAsync(async page =>
    {
        var email = $"new-{Guid.NewGuid():N}@browser.sori.dev";
        await SignInAsync(page, SoriProcess.AdminEmail, "/admin/agents");
        await page.Test("invite-name").FillAsync("신입 <b>상담원</b>");
        await page.Test("invite-email").FillAsync(email);
        await page.Test("invite-submit").ClickAsync();
        await Expect(page.Test("error")).ToContainTextAsync("이름: HTML이 아닌 일반 텍스트여야 합니다.");

        await page.Test("invite-name").FillAsync("신입 상담원");
        await page.Test("invite-submit").ClickAsync();
        var link = (await page.Test("secret").InnerTextAsync()).Trim();
        Assert.Contains("/welcome?agent=", link);
        await Expect(page.Locator($"[data-test=agent-row][data-email='{email}']")).ToContainTextAsync("로그인 링크 대기 중");

        await using var invited = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.Sori.BaseAddress.ToString() });
        var other = await invited.NewPageAsync();
        await other.GotoAsync(link);
        await other.Test("new-password").FillAsync("my-own-password-1");
        await other.Test("confirm-password").FillAsync("my-own-password-1");
        await other.Test("set-password").ClickAsync();
        await other.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(other.Test("me")).ToHaveTextAsync("신입 상담원");

        await other.GotoAsync(link);
        await Expect(other.Test("link-invalid")).ToBeVisibleAsync();
    });

    [Fact]
    public Task Admin_ChangesTheDeskName_TheWorkspaceShowsIt() => InBrowserAsync(async page =>
    {
        await SignInAsync(page, SoriProcess.AdminEmail, "/admin/settings");
        var original = await page.Test("desk-name-input").InputValueAsync();
        try
        {
            await page.Test("desk-name-input").FillAsync("소리 <b>쇼핑</b>");
            await page.Test("settings-save").ClickAsync();
            await Expect(page.Test("error")).ToContainTextAsync("데스크 이름");

            await page.Test("desk-name-input").FillAsync("소리 쇼핑몰");
            await page.Test("desk-time-zone").SelectOptionAsync("Asia/Tokyo");
            await page.Test("settings-save").ClickAsync();
            await Expect(page.Test("notice")).ToBeVisibleAsync();
            await page.ReloadAsync();
            await Expect(page.Test("desk-name")).ToHaveTextAsync("소리 쇼핑몰");
            await Expect(page.Test("desk-time-zone")).ToHaveValueAsync("Asia/Tokyo");
        }
        finally
        {
            await Fixture.AdminApi.PatchAsync("/api/v1/settings", System.Net.Http.Json.JsonContent.Create(new { deskName = original, timeZone = "Asia/Seoul" }));
        }
    });
}
