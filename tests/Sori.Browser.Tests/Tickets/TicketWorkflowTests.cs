using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Tickets;

public sealed class TicketWorkflowTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Agent_WorksATicketFromTheApi_ReplyNoteAssignSolve() => InBrowserAsync(async page =>
    {
        var subject = "환불 문의 " + Guid.NewGuid().ToString("N")[..6];
        var email = $"minji-{Unique()}@example.kr";
        var (id, number) = await Fixture.CreateTicketAsync(subject, "주문 취소하고 싶어요", "김민지", email);

        await SignInAsync(page, WorkspaceFixture.AgentEmail, "/?view=unassigned");
        var row = page.Locator("[data-test=ticket-row]", new() { HasText = subject });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("[data-test=requester]")).ToHaveTextAsync("김민지");
        await Expect(row.Locator("[data-test=requester]")).ToHaveAttributeAsync("title", email);
        await row.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/tickets/{id}$"));
        await Expect(page.Locator("[data-test=subject]")).ToHaveTextAsync($"#{number} {subject}");
        await Expect(page.Locator("[data-test=message]").First).ToContainTextAsync("주문 취소하고 싶어요");
        await Expect(page.Locator("[data-test=requester-name]")).ToHaveTextAsync("김민지");

        await page.Locator("[data-test=composer]").FillAsync("안녕하세요, 환불을 도와드리겠습니다.");
        await page.Locator("[data-test=send]").ClickAsync();
        await Expect(page.Locator("[data-test=message]", new() { HasText = "환불을 도와드리겠습니다" })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("agent"));
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("진행 중");

        await page.Locator("[data-test=mode-note]").ClickAsync();
        await page.Locator("[data-test=composer]").FillAsync("결제팀 확인 필요");
        await page.Locator("[data-test=send]").ClickAsync();
        await Expect(page.Locator("[data-test=note]", new() { HasText = "결제팀 확인 필요" })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("note"));

        await page.Locator("[data-test=assign-me]").ClickAsync();
        await Expect(page.Locator("[data-test=set-assignee]")).ToHaveValueAsync(Fixture.AgentId.ToString());
        await Expect(page.Locator("[data-test=event]", new() { HasText = "김상담" }).First).ToBeVisibleAsync();

        await page.Locator("[data-test=solve]").ClickAsync();
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("해결됨");
        await Expect(page.Locator("[data-test=event]", new() { HasText = "해결됨" })).ToBeVisibleAsync();

        // The workspace audits like the API: one read, the reply, the note and each update, with the browser's address.
        var actions = await Fixture.AuditActionsAsync(id, Fixture.AgentId, expected: 5);
        Assert.Equal(["ticket.note", "ticket.read", "ticket.reply", "ticket.update", "ticket.update"], actions.Select(a => a.Action).Order());
        Assert.All(actions, a => Assert.Equal("127.0.0.1", a.Ip));
    });

    [Fact]
    public Task Inbox_KeyboardJAndEnter_OpensTheSelectedTicket() => InBrowserAsync(async page =>
    {
        var subject = "키보드 " + Guid.NewGuid().ToString("N")[..6];
        var (id, _) = await Fixture.CreateTicketAsync(subject, "본문", "이서준", $"seojun-{Unique()}@example.kr");

        await SignInAsync(page, WorkspaceFixture.AgentEmail, "/?view=all");
        await Expect(page.Locator("[data-test=ticket-row]").First).ToContainTextAsync(subject);
        await page.Keyboard.PressAsync("j");
        await Expect(page.Locator("[data-test=ticket-row]").First).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/tickets/{id}$"));
    });

    [Fact]
    public Task TicketPage_KeyboardShortcuts_AssignWriteANoteSolveAndShowHelp() => InBrowserAsync(async page =>
    {
        var (id, _) = await Fixture.CreateTicketAsync("단축키 " + Unique(), "본문", "최유나", $"yuna-{Unique()}@example.kr");
        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/tickets/{id}");

        await page.Keyboard.PressAsync("a");
        await Expect(page.Locator("[data-test=set-assignee]")).ToHaveValueAsync(Fixture.AgentId.ToString());

        await page.Keyboard.PressAsync("n");
        await Expect(page.Locator("[data-test=composer]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("키보드로 쓴 메모");
        await page.Locator("[data-test=send]").ClickAsync();
        await Expect(page.Locator("[data-test=note]", new() { HasText = "키보드로 쓴 메모" })).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("s");
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("해결됨");

        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("[data-test=shortcuts]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("[data-test=shortcuts]")).ToBeHiddenAsync();
    });

    [Fact]
    public Task MarkupTypedAnywhere_IsShownAsText() => InBrowserAsync(async page =>
    {
        // Single-line fields (subject, names, tags) refuse markup at the use case; bodies keep it as text.
        const string script = "<script>window.pwned=1</script><b>굵게</b><img src=x onerror=window.pwned=2>";
        var (id, _) = await Fixture.CreateTicketAsync("마크업 " + Unique(), "본문 " + script, "정하은", $"x-{Unique()}@example.kr");

        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/tickets/{id}");
        await Expect(page.Locator("[data-test=message]").First).ToContainTextAsync(script);

        await page.Locator("[data-test=mode-note]").ClickAsync();
        await page.Locator("[data-test=composer]").FillAsync("메모 " + script);
        await page.Locator("[data-test=send]").ClickAsync();
        await Expect(page.Locator("[data-test=note]").Last).ToContainTextAsync("메모 " + script);

        await page.Locator("[data-test=new-tag]").FillAsync("<i>x</i>");
        await page.Locator("[data-test=new-tag]").PressAsync("Enter");
        await Expect(page.Locator("[data-test=error]")).ToContainTextAsync("추가할 태그");

        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
        Assert.Equal(0, await page.Locator("[data-test=timeline] b, [data-test=timeline] img, [data-test=tags] i").CountAsync());
    });

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
