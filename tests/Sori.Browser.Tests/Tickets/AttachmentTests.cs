using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Tickets;

/// <summary>Files in the composer (picked, dropped, pasted), their limits, and how the timeline shows them.</summary>
public sealed partial class AttachmentTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    // A 2×2 red PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==");

    private async Task<long> OpenNewTicketAsync(IPage page, string email)
    {
        var subject = "첨부 " + Guid.NewGuid().ToString("N")[..6];
        var (id, _) = await Fixture.CreateTicketAsync(subject, "사진을 보내 주세요", "박하늘", $"files-{Guid.NewGuid():N}@example.kr");
        await SignInAsync(page, email, $"/tickets/{id}");
        await Expect(page.Locator("[data-test=subject]")).ToContainTextAsync(subject);
        return id;
    }

    private static ILocator Attachment(IPage page, string name) => page.Locator("[data-test=attachment]", new() { HasText = name });

    [Fact]
    public Task PickedFiles_UploadWithTheirState_OneIsRemoved_TheRestGoOutWithTheReply() => InBrowserAsync(async page =>
    {
        await OpenNewTicketAsync(page, WorkspaceFixture.AgentEmail);
        await page.Locator("[data-test=attach-input]").SetInputFilesAsync(new FilePayload[]
        {
            new() { Name = "영수증.png", MimeType = "image/png", Buffer = Png },
            new() { Name = "메모.txt", MimeType = "text/plain", Buffer = "배송 메모"u8.ToArray() },
            new() { Name = "가짜사진.png", MimeType = "image/png", Buffer = "<html><script>alert(1)</script></html>"u8.ToArray() },
        });
        foreach (var name in new[] { "영수증.png", "메모.txt", "가짜사진.png" })
            await Expect(Attachment(page, name)).ToHaveAttributeAsync("data-state", "ready");

        await Attachment(page, "메모.txt").Locator("[data-test=remove-attachment]").ClickAsync();
        await Expect(Attachment(page, "메모.txt")).ToHaveCountAsync(0);
        await page.Locator("[data-test=composer]").FillAsync("영수증 사진 확인했습니다.");
        await page.Locator("[data-test=send]").ClickAsync();

        var reply = page.Locator("[data-test=message]", new() { HasText = "영수증 사진 확인했습니다." });
        await Expect(reply).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=attach-list]")).ToHaveCountAsync(0);
        // The real picture shows as a thumbnail that opens the full image; the HTML named .png is only a download.
        var thumbnail = reply.Locator("[data-test=image] img");
        await Expect(thumbnail).ToHaveCountAsync(1);
        await Expect(thumbnail).ToHaveAttributeAsync("alt", "영수증.png");
        // Waits for the picture to load (naturalWidth is 0 until then); a one-off check raced the download.
        await Expect(thumbnail).ToHaveJSPropertyAsync("naturalWidth", 2);
        var full = await reply.Locator("[data-test=open-image]").GetAttributeAsync("href");
        var image = await page.APIRequest.GetAsync(full!);
        Assert.Equal("image/png", image.Headers["content-type"]);
        Assert.StartsWith("inline", image.Headers["content-disposition"]);
        var disguised = reply.Locator("[data-test=file]", new() { HasText = "가짜사진.png" });
        await Expect(disguised).ToBeVisibleAsync();
        var download = await page.APIRequest.GetAsync((await disguised.Locator("a").GetAttributeAsync("href"))!);
        Assert.Equal("application/octet-stream", download.Headers["content-type"]);
        Assert.StartsWith("attachment", download.Headers["content-disposition"]);
        Assert.Equal("nosniff", download.Headers["x-content-type-options"]);
        await Expect(reply.Locator("[data-test=file]", new() { HasText = "메모.txt" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task DroppedFile_GoesOutWithANote() => InBrowserAsync(async page =>
    {
        await OpenNewTicketAsync(page, WorkspaceFixture.AgentEmail);
        await page.Locator("[data-test=mode-note]").ClickAsync();
        await page.Locator("[data-test=composer]").EvaluateAsync(@"(el, bytes) => {
            const data = new DataTransfer();
            data.items.add(new File([new Uint8Array(bytes)], '배송사진.png', { type: 'image/png' }));
            el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
            el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        }", Png.Select(b => (int)b).ToArray());
        await Expect(Attachment(page, "배송사진.png")).ToHaveAttributeAsync("data-state", "ready");

        await page.Locator("[data-test=composer]").FillAsync("고객이 보낸 배송 사진 첨부");
        await page.Locator("[data-test=send]").ClickAsync();
        var note = page.Locator("[data-test=note]", new() { HasText = "고객이 보낸 배송 사진 첨부" });
        await Expect(note.Locator("[data-test=thumbnail]")).ToHaveAttributeAsync("alt", "배송사진.png");
    });

    [Fact]
    public Task PastedScreenshot_IsAttached_PastedTextStaysText() => InBrowserAsync(async page =>
    {
        await OpenNewTicketAsync(page, WorkspaceFixture.AgentEmail);
        var composer = page.Locator("[data-test=composer]");
        await composer.EvaluateAsync(@"(el, bytes) => {
            const data = new DataTransfer();
            data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
            el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }", Png.Select(b => (int)b).ToArray());
        var pasted = page.Locator("[data-test=attachment]", new() { HasTextRegex = PastedName() });
        await Expect(pasted).ToHaveAttributeAsync("data-state", "ready");

        // A paste with text (a spreadsheet's cells come with a picture of them) is not taken as a file.
        var prevented = await composer.EvaluateAsync<bool>(@"(el, bytes) => {
            const data = new DataTransfer();
            data.setData('text/plain', '주문번호 1234');
            data.items.add(new File([new Uint8Array(bytes)], 'cells.png', { type: 'image/png' }));
            return !el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }", Png.Select(b => (int)b).ToArray());
        Assert.False(prevented);
        await Expect(page.Locator("[data-test=attachment]")).ToHaveCountAsync(1);
    });

    [Fact]
    public Task TooLargeOrTooMany_AreRefusedWithAClearMessage_InTheAgentsLanguage() => InBrowserAsync(async page =>
    {
        var email = await Fixture.CreateAgentAsync("영어 상담원");
        await OpenNewTicketAsync(page, email);
        var input = page.Locator("[data-test=attach-input]");
        await PickBigFileAsync(input, "큰파일.bin");
        await Expect(page.Locator("[data-test=attach-error]")).ToHaveTextAsync("큰파일.bin: 파일이 너무 큽니다 (최대 25 MB).");
        await Expect(page.Locator("[data-test=attachment]")).ToHaveCountAsync(0);

        var many = Enumerable.Range(1, 21).Select(i => new FilePayload { Name = $"f{i}.txt", MimeType = "text/plain", Buffer = [(byte)i] }).ToArray();
        await input.SetInputFilesAsync(many);
        await Expect(page.Locator("[data-test=attach-error]")).ToHaveTextAsync("한 메시지에는 파일을 20개까지 첨부할 수 있습니다.");
        await Expect(page.Locator("[data-test=attachment][data-state=ready]")).ToHaveCountAsync(20);

        // The language switch loads the page anew: wait for the English page's own circuit, not the old one's.
        await page.Locator("[data-test=lang-en]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await WaitForLiveAsync(page);
        await PickBigFileAsync(page.Locator("[data-test=attach-input]"), "big.bin");
        await Expect(page.Locator("[data-test=attach-error]")).ToHaveTextAsync("big.bin: the file is too large (at most 25 MB).");
    });

    /// <summary>Picks a file one byte over the 25 MB limit, made in the page (sending 25 MB through Playwright takes long).</summary>
    private static Task PickBigFileAsync(ILocator input, string name) => input.EvaluateAsync(@"(el, name) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(25 * 1024 * 1024 + 1)], name, { type: 'application/octet-stream' }));
        el.files = data.files;
        el.dispatchEvent(new Event('change', { bubbles: true }));
    }", name);

    [GeneratedRegex(@"pasted-\d{8}-\d{6}\.png")]
    private static partial Regex PastedName();
}
