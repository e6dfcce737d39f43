using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Tickets;

/// <summary>Changes made elsewhere show up on open pages without a reload; agents on one ticket see each other.</summary>
public sealed class LiveTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A value on the window that a reload would wipe: proves the page changed in place.</summary>
    private static Task MarkAsync(IPage page) => page.EvaluateAsync("() => window.__soriNoReload = true");
    private static async Task AssertNotReloadedAsync(IPage page) => Assert.True(await page.EvaluateAsync<bool>("() => window.__soriNoReload === true"));

    private async Task PostAsync(string url, object body) => (await Fixture.AdminApi.PostAsJsonAsync(url, body)).EnsureSuccessStatusCode();

    [Fact]
    public Task Inbox_TicketCreatedThroughTheApi_AppearsLive_AndTheCountMoves() => InBrowserAsync(async page =>
    {
        await SignInAsync(page, WorkspaceFixture.AgentEmail, "/?view=unassigned");
        var count = page.Locator("[data-test=count-unassigned]");
        await Expect(count).ToHaveTextAsync(new Regex(@"^\d+\+?$"));
        var before = await count.TextContentAsync();
        await MarkAsync(page);

        var subject = "실시간 문의 " + Unique();
        await Fixture.CreateTicketAsync(subject, "방금 주문했어요", "한지민", $"jimin-{Unique()}@example.kr");

        await Expect(page.Locator("[data-test=ticket-row]", new() { HasText = subject })).ToBeVisibleAsync();
        if (before != "999+") await Expect(count).Not.ToHaveTextAsync(before!);
        await AssertNotReloadedAsync(page);
    });

    [Fact]
    public Task TicketPage_ReplyThroughTheApi_AppearsLive_KeepingTheDraft() => InBrowserAsync(async page =>
    {
        var (id, _) = await Fixture.CreateTicketAsync("배송 지연 " + Unique(), "아직 안 왔어요", "문채원", $"chaewon-{Unique()}@example.kr");
        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/tickets/{id}");
        await page.Locator("[data-test=composer]").FillAsync("쓰는 중인 답장");
        await MarkAsync(page);

        await PostAsync($"/api/v1/tickets/{id}/messages", new { body = "오늘 출고되었습니다. (API)" });
        await PostAsync($"/api/v1/tickets/{id}/messages", new { body = "고마워요!", author = "customer" });

        await Expect(page.Locator("[data-test=message]", new() { HasText = "오늘 출고되었습니다. (API)" })).ToBeVisibleAsync();
        var customer = page.Locator("[data-test=message]", new() { HasText = "고마워요!" });
        await Expect(customer).ToBeVisibleAsync();
        await Expect(customer.Locator("[data-test=new]")).ToBeVisibleAsync(); // marked as new since the page loaded
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("진행 중");
        await Expect(page.Locator("[data-test=composer]")).ToHaveValueAsync("쓰는 중인 답장");
        await AssertNotReloadedAsync(page);
    });

    [Fact]
    public async Task TwoAgents_OnOneTicket_SeeEachOthersPresenceAndTyping_UntilOneLeaves()
    {
        var (id, _) = await Fixture.CreateTicketAsync("동시 작업 " + Unique(), "확인 부탁드려요", "서지수", $"jisu-{Unique()}@example.kr");
        var otherEmail = await Fixture.CreateNamedAgentAsync("박지원", "jiwon");
        await InTwoBrowsersAsync(async (mine, theirs) =>
        {
            await SignInAsync(mine, WorkspaceFixture.AgentEmail, $"/tickets/{id}");
            await SignInAsync(theirs, otherEmail, $"/tickets/{id}");

            await Expect(mine.Locator("[data-test=viewer]")).ToHaveTextAsync("박지원");
            await Expect(theirs.Locator("[data-test=viewer]")).ToHaveTextAsync("김상담");

            await theirs.Locator("[data-test=composer]").PressSequentiallyAsync("제가 답할게요");
            await Expect(mine.Locator("[data-test=viewer] [data-test=typing]")).ToBeVisibleAsync();
            await theirs.Locator("[data-test=composer]").FillAsync("");
            await Expect(mine.Locator("[data-test=typing]")).ToHaveCountAsync(0);

            await theirs.CloseAsync(); // the tab closes: its circuit ends and the viewer goes
            await Expect(mine.Locator("[data-test=viewer]")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public Task Reply_AfterTheCustomerWroteMeanwhile_WarnsShowsTheMessage_ThenSends() => InBrowserAsync(async page =>
    {
        var (id, _) = await Fixture.CreateTicketAsync("환불 " + Unique(), "환불해 주세요", "강예린", $"yerin-{Unique()}@example.kr");
        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/tickets/{id}");
        await page.Locator("[data-test=composer]").FillAsync("환불 처리해 드렸습니다.");

        await PostAsync($"/api/v1/tickets/{id}/messages", new { body = "아, 교환으로 바꿀 수 있을까요?", author = "customer" });
        await page.Locator("[data-test=send]").ClickAsync();

        var warning = page.Locator("[data-test=collision]");
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning.Locator("[data-test=arrived]")).ToHaveTextAsync(new Regex("교환으로 바꿀 수 있을까요"));
        await Expect(page.Locator("[data-test=message].agent")).ToHaveCountAsync(0); // nothing went out yet

        await page.Locator("[data-test=keep-editing]").ClickAsync();
        await Expect(warning).ToHaveCountAsync(0);
        await page.Locator("[data-test=composer]").FillAsync("교환으로 접수해 드렸습니다.");
        await page.Locator("[data-test=send]").ClickAsync(); // reviewed: no second warning for the same message
        await Expect(page.Locator("[data-test=message].agent", new() { HasText = "교환으로 접수해 드렸습니다." })).ToBeVisibleAsync();

        // Another customer message: this time the agent sends from the warning itself.
        await PostAsync($"/api/v1/tickets/{id}/messages", new { body = "감사합니다 :)", author = "customer" });
        await Expect(page.Locator("[data-test=message]", new() { HasText = "감사합니다 :)" })).ToBeVisibleAsync();
        await page.Locator("[data-test=composer]").FillAsync("좋은 하루 보내세요.");
        await page.Locator("[data-test=send]").ClickAsync();
        await Expect(warning.Locator("[data-test=arrived]")).ToHaveTextAsync(new Regex("감사합니다"));
        await page.Locator("[data-test=send-anyway]").ClickAsync();
        await Expect(page.Locator("[data-test=message].agent", new() { HasText = "좋은 하루 보내세요." })).ToBeVisibleAsync();
        await Expect(warning).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test=composer]")).ToHaveValueAsync("");
    });

    [Fact]
    public Task Note_AfterTheCustomerWrote_IsNotHeldBack() => InBrowserAsync(async page =>
    {
        var (id, _) = await Fixture.CreateTicketAsync("메모 " + Unique(), "문의", "임하은", $"haeun-{Unique()}@example.kr");
        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/tickets/{id}");
        await PostAsync($"/api/v1/tickets/{id}/messages", new { body = "추가 문의", author = "customer" });
        await page.Locator("[data-test=mode-note]").ClickAsync();
        await page.Locator("[data-test=composer]").FillAsync("내부 확인용 메모");
        await page.Locator("[data-test=send]").ClickAsync();
        await Expect(page.Locator("[data-test=note]", new() { HasText = "내부 확인용 메모" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=collision]")).ToHaveCountAsync(0);
    });
}
