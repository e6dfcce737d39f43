using System.Net.Http.Json;
using Microsoft.Playwright;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Customers;

public sealed class CustomerPagesTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Agent_FindsACustomerByKoreanName_AndEditsTheProfile_MarkupStaysText() => InBrowserAsync(async page =>
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var id = await Fixture.CreateCustomerAsync($"윤서아{run}", $"seoa{run}@example.kr", "010-2222-3333");
        await Fixture.CreateTicketForAsync(id, "배송이 늦어요");
        await SignInAsync(page, WorkspaceFixture.AgentEmail, "/customers");

        await page.Test("customer-search").FillAsync($"서아{run}");
        await page.Test("customer-search-submit").ClickAsync();
        await Expect(page.Test("customer-row")).ToHaveCountAsync(1);
        await page.Test("customer-row").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Test("customer-name")).ToHaveTextAsync($"윤서아{run}");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(page.Test("customer-tickets")).ToContainTextAsync("배송이 늦어요");

        await page.Test("profile-tags").FillAsync("vip, 재구매");
        await page.Test("profile-notes").FillAsync("<script>alert('x')</script> 오후 통화 선호");
        await page.Test("profile-language").SelectOptionAsync("en");
        await page.Test("profile-save").ClickAsync();
        await Expect(page.Test("notice")).ToBeVisibleAsync();
        await Expect(page.Test("customer-notes")).ToHaveTextAsync("<script>alert('x')</script> 오후 통화 선호");
        await Expect(page.Test("customer-tags")).ToHaveTextAsync("vip, 재구매");
        Assert.Equal(0, await page.Locator("main script").CountAsync());

        await page.Test("profile-emails").FillAsync("not an email");
        await page.Test("profile-save").ClickAsync();
        await Expect(page.Test("error")).ToContainTextAsync("이메일: 'not an email'은(는) 올바른 이메일 주소가 아닙니다.");
    });

    [Fact]
    public Task Agent_CannotMerge_TheMergePanelIsForLeads() => InBrowserAsync(async page =>
    {
        var id = await Fixture.CreateCustomerAsync("권나래", $"narae{Guid.NewGuid():N}@example.kr");
        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/customers/{id}");
        await Expect(page.Test("profile")).ToBeVisibleAsync();
        await Expect(page.Test("merge")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Admin_MergesADuplicate_AfterAPreview() => InBrowserAsync(async page =>
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var target = await Fixture.CreateCustomerAsync($"장민호{run}", $"minho{run}@example.kr");
        var duplicate = await Fixture.CreateCustomerAsync($"장민호 중복{run}", $"minho.jang{run}@example.kr", notes: "다른 주소로 문의");
        await Fixture.CreateTicketForAsync(duplicate, "교환 요청");
        await Fixture.CreateTicketForAsync(duplicate, "환불 요청");

        await SignInAsync(page, SoriProcess.AdminEmail, $"/customers/{target}");
        await page.Test("merge-search").FillAsync($"중복{run}");
        await page.Test("merge-search-submit").ClickAsync();
        await page.Test("merge-pick").ClickAsync();
        await Expect(page.Test("merge-preview")).ToContainTextAsync($"minho.jang{run}@example.kr");
        await Expect(page.Test("merge-tickets")).ToContainTextAsync("2");
        await page.Test("merge-confirm").ClickAsync();

        await Expect(page.Test("notice")).ToBeVisibleAsync();
        await Expect(page.Test("contact")).ToContainTextAsync($"minho.jang{run}@example.kr");
        await Expect(page.Test("customer-tickets")).ToContainTextAsync("교환 요청");
        await Expect(page.Test("customer-tickets")).ToContainTextAsync("환불 요청");
        var merged = await Fixture.AdminApi.GetFromJsonAsync<MergedView>($"/api/v1/customers/{duplicate}");
        Assert.Equal(target, merged!.MergedIntoId);

        await Pages.OpenAsync(page, $"/customers/{duplicate}");
        await Expect(page.Test("merged")).ToContainTextAsync($"#{target}");
    });

    [Fact]
    public Task Agent_CreatesAnOrganization_AndSeesItsMembersAndTickets() => InBrowserAsync(async page =>
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var member = await Fixture.CreateCustomerAsync($"오세훈{run}", $"sehun{run}@example.kr");
        await Fixture.CreateTicketForAsync(member, "대량 주문 견적");
        await SignInAsync(page, WorkspaceFixture.AgentEmail, "/organizations");
        await page.Test("new-organization-name").FillAsync($"소리상사 {run}");
        await page.Test("new-organization-domains").FillAsync("sori-corp.co.kr");
        await page.Test("new-organization-save").ClickAsync();
        await Expect(page.Test("organization-name")).ToHaveTextAsync($"소리상사 {run}");
        var organization = long.Parse(page.Url.Split('/')[^1]);

        await Fixture.AdminApi.PatchAsJsonAsync($"/api/v1/customers/{member}", new { organizationId = organization });
        await Pages.OpenAsync(page, $"/organizations/{organization}");
        await Expect(page.Test("members")).ToContainTextAsync($"오세훈{run}");
        await Expect(page.Test("organization-tickets")).ToContainTextAsync("대량 주문 견적");
    });

    private sealed record MergedView(long Id, long? MergedIntoId);
}
