using Microsoft.Playwright;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Tickets;

public sealed class BulkActionTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task BulkAssignAndBulkSolve_ThreeTickets() => InBrowserAsync(async page =>
    {
        var tag = "bulk" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++)
            await Fixture.CreateTicketAsync($"일괄 {tag} {i}", "본문", "윤서아", $"seoa-{tag}-{i}@example.kr", [tag]);

        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/?view=all&tag={tag}");
        var rows = page.Locator("[data-test=ticket-row]");
        await Expect(rows).ToHaveCountAsync(3);

        // Click the first, Shift-click the third: the range in between is ticked too.
        await rows.Nth(0).Locator("[data-test=select]").ClickAsync();
        await rows.Nth(2).Locator("[data-test=select]").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Expect(page.Locator("[data-test=bulk-count]")).ToHaveTextAsync("3개 선택됨");
        await page.Locator("[data-test=bulk-assignee]").SelectOptionAsync("me");
        await page.Locator("[data-test=bulk-apply]").ClickAsync();
        await Expect(page.Locator("[data-test=bulk-done]")).ToHaveTextAsync("3개 티켓을 바꿨습니다.");
        for (var i = 0; i < 3; i++) await Expect(rows.Nth(i)).ToContainTextAsync("김상담");
        await Expect(page.Locator("[data-test=bulk]")).ToHaveCountAsync(0);

        // The keyboard: j moves, x ticks.
        await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        foreach (var _ in Enumerable.Range(0, 3)) { await page.Keyboard.PressAsync("j"); await page.Keyboard.PressAsync("x"); }
        await Expect(page.Locator("[data-test=bulk-count]")).ToHaveTextAsync("3개 선택됨");
        await page.Locator("[data-test=bulk-status]").SelectOptionAsync("solved");
        await page.Locator("[data-test=bulk-apply]").ClickAsync();
        await Expect(page.Locator("[data-test=bulk-done]")).ToHaveTextAsync("3개 티켓을 바꿨습니다.");
        for (var i = 0; i < 3; i++) await Expect(rows.Nth(i)).ToContainTextAsync("해결됨");
    });

    [Fact]
    public Task BulkMerge_IntoTheChosenTicket_ReportsTheOneThatCannot() => InBrowserAsync(async page =>
    {
        var tag = "merge" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<(long Id, long Number)>();
        for (var i = 0; i < 3; i++)
            ids.Add(await Fixture.CreateTicketAsync($"합치기 {tag} {i}", "본문", "임하준", $"hajun-{tag}-{i}@example.kr", [tag]));
        // One of them is closed already: it cannot be merged.
        var closed = ids[1].Id;
        foreach (var status in new[] { "solved", "closed" })
            (await Fixture.AdminApi.PatchAsync($"/api/v1/tickets/{closed}", System.Net.Http.Json.JsonContent.Create(new { status }))).EnsureSuccessStatusCode();

        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/?view=all&tag={tag}&sort=created");
        await page.Locator("[data-test=select-all]").ClickAsync();
        await Expect(page.Locator("[data-test=bulk-count]")).ToHaveTextAsync("3개 선택됨");
        await page.Locator("[data-test=bulk-merge-target]").SelectOptionAsync(ids[0].Id.ToString());
        await page.Locator("[data-test=bulk-merge]").ClickAsync();

        await Expect(page.Locator("[data-test=bulk-done]")).ToHaveTextAsync("1개 티켓을 바꿨습니다.");
        await Expect(page.Locator("[data-test=bulk-failures]")).ToContainTextAsync($"#{ids[1].Number}");
        await page.GotoAsync($"/tickets/{ids[0].Id}");
        await Expect(page.Locator("[data-test=message]")).ToHaveCountAsync(2);
    });
}
