using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Email;

public sealed class MailboxAdminTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    private readonly TestImapServer _imap = TestImapServer.FromEnvironment();
    // A connection test waits for the server; Dovecot slows down sign-ins from an address after failed ones (other tests' too).
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    /// <summary>Types into a field bound on change, and lets the page see the change at once.</summary>
    private static async Task SetAsync(IPage page, string field, string value)
    {
        var input = page.Locator($"[data-test={field}]");
        await input.FillAsync(value);
        await input.DispatchEventAsync("change");
    }

    [Fact]
    public Task Admin_CreatesMailbox_TestsItAgainstDovecot_TrustsItsCertificate() => InBrowserAsync(async page =>
    {
        var address = $"browser-{Guid.NewGuid():N}"[..20] + "@shop.example.kr";
        await SignInAsync(page, SoriProcess.AdminEmail);
        await page.Locator("[data-test=nav-admin]").ClickAsync();
        await page.Locator("[data-test=nav-mailboxes]").ClickAsync();
        await page.Locator("[data-test=new-mailbox]").ClickAsync();
        await SetAsync(page, "name", "브라우저 고객센터");
        await SetAsync(page, "address", address);
        await page.Locator("[data-test=imap-enabled]").CheckAsync();
        await SetAsync(page, "imap-host", _imap.Host);
        await SetAsync(page, "imap-port", _imap.TlsPort.ToString());
        await page.Locator("[data-test=imap-tls]").SelectOptionAsync("tls");
        await SetAsync(page, "imap-username", _imap.Username);
        await SetAsync(page, "imap-password", _imap.Password);
        await SetAsync(page, "imap-folder", "INBOX");
        await SetAsync(page, "signature-ko", "감사합니다.\n{agent.name} 드림");
        await page.Locator("[data-test=save]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/admin/mailboxes/\d+$"));
        await Expect(page.Locator("[data-test=mailbox-title]")).ToHaveTextAsync(address);
        await Expect(page.Locator("[data-test=imap-password]")).ToHaveAttributeAsync("placeholder", "저장됨 — 바꿀 때만 입력하세요");
        await Expect(page.Locator("[data-test=imap-password]")).ToHaveValueAsync("");

        // The test Dovecot's certificate is self-signed: refused, with its fingerprint to check and trust.
        await page.Locator("[data-test=test]").ClickAsync();
        await Expect(page.Locator("[data-test=test-imap-failed]")).ToContainTextAsync("서버 인증서", Slow);
        await Expect(page.Locator("[data-test=test-imap-error]")).ToContainTextAsync("self-signed");
        await Expect(page.Locator("[data-test=fingerprint-imap]")).ToHaveTextAsync(_imap.Fingerprint);
        await page.Locator("[data-test=trust-imap]").ClickAsync();
        await Expect(page.Locator("[data-test=imap-fingerprint]")).ToHaveValueAsync(_imap.Fingerprint);
        await page.Locator("[data-test=save]").ClickAsync();
        await Expect(page.Locator("[data-test=saved]")).ToBeVisibleAsync();

        await page.Locator("[data-test=test]").ClickAsync();
        await Expect(page.Locator("[data-test=test-imap]")).ToContainTextAsync("INBOX", Slow);
        await Expect(page.Locator("[data-test=test-imap-ok]")).ToBeVisibleAsync();

        // A wrong password is named as such.
        await SetAsync(page, "imap-password", "not-the-password");
        await page.Locator("[data-test=save]").ClickAsync();
        await Expect(page.Locator("[data-test=saved]")).ToBeVisibleAsync();
        await page.Locator("[data-test=test]").ClickAsync();
        await Expect(page.Locator("[data-test=test-imap-failed]")).ToContainTextAsync("로그인", Slow);
        await Expect(page.Locator("[data-test=test-imap-error]")).ToContainTextAsync($"refused the sign-in of \"{_imap.Username}\"");

        await page.GotoAsync("/admin/mailboxes");
        await Expect(page.Locator("[data-test=mailboxes]")).ToContainTextAsync(address);
    });

    [Fact]
    public Task Admin_BadSettings_AreNamedUnderTheirFields() => InBrowserAsync(async page =>
    {
        await SignInAsync(page, SoriProcess.AdminEmail, "/admin/mailboxes/new");
        await SetAsync(page, "name", "잘못된 설정");
        await SetAsync(page, "address", "not an address");
        await SetAsync(page, "signature-en", "Regards, {agnet.name}");
        await page.Locator("[data-test=save]").ClickAsync();

        await Expect(page.Locator("[data-test='error-address']")).ToContainTextAsync("올바른 이메일 주소가 아닙니다");
        await Expect(page.Locator("[data-test='error-signatures.en']")).ToContainTextAsync("{agnet.name}");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/mailboxes/new$"));
    });

    [Fact]
    public Task Agent_CannotOpenMailboxes() => InBrowserAsync(async page =>
    {
        await SignInAsync(page, WorkspaceFixture.AgentEmail);
        await Expect(page.Locator("[data-test=nav-mailboxes]")).ToHaveCountAsync(0);
        var response = await page.GotoAsync("/admin/mailboxes");
        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("[data-test=forbidden]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=mailboxes]")).ToHaveCountAsync(0);
    });
}
