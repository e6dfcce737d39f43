using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Macros;

public sealed class MacroReplyTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task ReplyWithAMacro_PickedWithTheKeyboard_FillsPlaceholdersAppliesActionsAndSends() => InBrowserAsync(async page =>
    {
        var word = "refund" + Unique();
        var created = await Fixture.AdminApi.PostAsJsonAsync("/api/v1/macros", new
        {
            title = $"{word} 완료 안내", scope = "shared",
            bodies = new { ko = "{{customer.name}}님, 주문 #{{ticket.number}} 환불을 마쳤습니다. {{agent.name}} 드림", en = "Hi {{customer.name}}" },
            actions = new { status = "solved", priority = "high", addTags = new[] { "refund-done" }, assignee = "me" },
        });
        created.EnsureSuccessStatusCode();
        var (id, number) = await Fixture.CreateTicketAsync("환불 요청 " + word, "환불해 주세요", "김민지", $"minji-{Unique()}@example.kr");
        var expected = $"김민지님, 주문 #{number} 환불을 마쳤습니다. 김상담 드림";

        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/tickets/{id}");
        // Typed straight after m, as an agent would: the keys land in the search box, not on other shortcuts (r, n, ...).
        await page.Keyboard.PressAsync("m");
        await page.Keyboard.TypeAsync(word);
        await Expect(page.Locator("[data-test=macro-search]")).ToBeFocusedAsync();
        await Expect(page.Locator("[data-test=macro-search]")).ToHaveValueAsync(word);
        await Expect(page.Locator("[data-test=macro-option]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-test=macro-preview-body]")).ToHaveTextAsync(expected);
        await Expect(page.Locator("[data-test=macro-preview] [data-test=macro-actions]")).ToContainTextAsync("해결됨");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("[data-test=macro-picker]")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-test=composer]")).ToHaveValueAsync(expected);
        await Expect(page.Locator("[data-test=composer]")).ToBeFocusedAsync();
        await Expect(page.Locator("[data-test=mode-reply]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("[data-test=pending-macro]")).ToContainTextAsync($"{word} 완료 안내");
        await page.Keyboard.PressAsync("Control+Enter");

        await Expect(page.Locator("[data-test=message]", new() { HasText = expected })).ToHaveClassAsync(new Regex("agent"));
        await Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("해결됨");
        await Expect(page.Locator("[data-test=set-assignee]")).ToHaveValueAsync(Fixture.AgentId.ToString());
        await Expect(page.Locator("[data-test=set-priority]")).ToHaveValueAsync("high");
        await Expect(page.Locator("[data-test=tags]")).ToContainTextAsync("refund-done");
        await Expect(page.Locator("[data-test=event]", new() { HasText = "매크로 적용" })).ToContainTextAsync($"{word} 완료 안내");
        await Expect(page.Locator("[data-test=pending-macro]")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task ActionsOnlyMacro_AppliesAtOnceAndSaysSo() => InBrowserAsync(async page =>
    {
        var word = "긴급" + Unique();
        var created = await Fixture.AdminApi.PostAsJsonAsync("/api/v1/macros", new
        {
            title = $"{word} 올리기", scope = "shared", actions = new { priority = "urgent", addTags = new[] { "escalated" } },
        });
        created.EnsureSuccessStatusCode();
        var (id, _) = await Fixture.CreateTicketAsync("급한 문의 " + word, "빨리요", "박지호", $"jiho-{Unique()}@example.kr");

        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/tickets/{id}");
        await page.Locator("[data-test=macro-open]").ClickAsync();
        await page.Locator("[data-test=macro-search]").FillAsync(word);
        await page.Locator("[data-test=macro-option]", new() { HasText = word }).ClickAsync();

        await Expect(page.Locator("[data-test=notice]")).ToContainTextAsync($"{word} 올리기");
        await Expect(page.Locator("[data-test=set-priority]")).ToHaveValueAsync("urgent");
        await Expect(page.Locator("[data-test=tags]")).ToContainTextAsync("escalated");
        await Expect(page.Locator("[data-test=message]")).ToHaveCountAsync(1);
    });

    [Fact]
    public Task HostileMacroBody_IsShownAsTextInThePreviewAndTheComposer() => InBrowserAsync(async page =>
    {
        const string hostile = "<img src=x onerror=window.pwned=1><script>window.pwned=2</script><b>굵게</b>";
        var word = "마크업" + Unique();
        var api = await Fixture.Sori.ApiAsync(WorkspaceFixture.AgentEmail);
        (await api.PostAsJsonAsync("/api/v1/macros", new { title = word, bodies = new { ko = hostile } })).EnsureSuccessStatusCode();
        var (id, _) = await Fixture.CreateTicketAsync("마크업 " + word, "본문", "정하은", $"x-{Unique()}@example.kr");

        await SignInAsync(page, WorkspaceFixture.AgentEmail, $"/tickets/{id}");
        await page.Keyboard.PressAsync("m");
        await page.Keyboard.TypeAsync(word);
        await Expect(page.Locator("[data-test=macro-preview-body]")).ToHaveTextAsync(hostile);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-test=composer]")).ToHaveValueAsync(hostile);

        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
        Assert.Equal(0, await page.Locator("[data-test=macro-picker] img, [data-test=macro-picker] b, .composer img").CountAsync());
    });

    [Fact]
    public Task PersonalMacro_CreatedOnMyMacrosPage_ShowsUnknownPlaceholdersAndSaves() => InBrowserAsync(async page =>
    {
        var title = "내 인사 " + Unique();
        await SignInAsync(page, WorkspaceFixture.AgentEmail, "/macros");
        await page.Locator("[data-test=macro-new]").ClickAsync();
        await page.Locator("[data-test=macro-title]").FillAsync(title);
        await page.Locator("[data-test=macro-body-ko]").FillAsync("{{customer.nmae}}님 안녕하세요");
        await Expect(page.Locator("[data-test=placeholder-errors]")).ToContainTextAsync("{{customer.nmae}}");
        await page.Locator("[data-test=macro-save]").ClickAsync();
        await Expect(page.Locator("[data-test=error]")).ToContainTextAsync("bodies.ko");

        await page.Locator("[data-test=macro-body-ko]").FillAsync("{{customer.name}}님 안녕하세요");
        await Expect(page.Locator("[data-test=macro-sample-ko]")).ToHaveTextAsync("김민지님 안녕하세요");
        await page.Locator("[data-test=macro-status]").SelectOptionAsync("pending");
        await page.Locator("[data-test=macro-save]").ClickAsync();
        await Expect(page.Locator("[data-test=macro-row]", new() { HasText = title })).ToContainTextAsync("보류");
    });

    private static string Unique() => Guid.NewGuid().ToString("N")[..6];
}
