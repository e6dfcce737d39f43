using Microsoft.Playwright;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Account;

public sealed class AccountTests(WorkspaceFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Agent_ChangesOwnPassword_WithClearErrors_ThenSignsInWithTheNewOne() => InBrowserAsync(async page =>
    {
        var email = await Fixture.CreateAgentAsync("비번변경");
        await SignInAsync(page, email);
        // From the interactive workspace, the name in the top bar leads to the statically rendered account page.
        await page.Test("me").ClickAsync();
        await Expect(page.Locator("[data-interactive=false]")).ToBeVisibleAsync();
        await Expect(page.Test("password-form")).ToBeVisibleAsync();

        await page.Test("current-password").FillAsync("not-my-password");
        await page.Test("new-password").FillAsync("brand-new-password-7");
        await page.Test("confirm-password").FillAsync("brand-new-password-7");
        await page.Test("change-password").ClickAsync();
        await Expect(page.Test("password-error")).ToHaveTextAsync("현재 비밀번호가 올바르지 않습니다.");

        await page.Test("current-password").FillAsync(SoriProcess.Password);
        await page.Test("new-password").FillAsync("aaaaaaaaaaaa");
        await page.Test("confirm-password").FillAsync("aaaaaaaaaaaa");
        await page.Test("change-password").ClickAsync();
        await Expect(page.Test("password-error")).ToContainTextAsync("규칙에 맞지 않습니다");

        await page.Test("current-password").FillAsync(SoriProcess.Password);
        await page.Test("new-password").FillAsync("brand-new-password-7");
        await page.Test("confirm-password").FillAsync("brand-new-password-8");
        await page.Test("change-password").ClickAsync();
        await Expect(page.Test("password-error")).ToHaveTextAsync("확인용 비밀번호가 일치하지 않습니다.");

        await page.Test("current-password").FillAsync(SoriProcess.Password);
        await page.Test("new-password").FillAsync("brand-new-password-7");
        await page.Test("confirm-password").FillAsync("brand-new-password-7");
        await page.Test("change-password").ClickAsync();
        await Expect(page.Test("password-changed")).ToBeVisibleAsync();

        // This browser stays signed in; the old password no longer works, the new one does.
        await Pages.OpenAsync(page, "/");
        await page.Test("sign-out").ClickAsync();
        await page.GotoAsync("/login");
        await page.Test("email").FillAsync(email);
        await page.Test("password").FillAsync(SoriProcess.Password);
        await page.Test("sign-in").ClickAsync();
        await Expect(page.Test("login-error")).ToBeVisibleAsync();
        await Pages.SignInWithAsync(page, email, "brand-new-password-7");
        await Expect(page.Test("me")).ToBeVisibleAsync();
    });

    [Fact]
    public Task Agent_EnrolsTotp_ThenSignInAsksForTheCode() => InBrowserAsync(async page =>
    {
        var email = await Fixture.CreateAgentAsync("이중인증");
        await SignInAsync(page, email);
        await page.GotoAsync("/account"); // renders statically: it renews the sign-in cookie
        await page.Test("enable-2fa").ClickAsync();
        await Expect(page.Test("qr")).ToBeVisibleAsync();
        var key = await page.Test("shared-key").InnerTextAsync();

        await page.Test("code").FillAsync("123456");
        await page.Test("verify").ClickAsync();
        var codeError = page.Test("code-error");
        if (await codeError.CountAsync() == 0) throw new InvalidOperationException("a wrong code was accepted (or 123456 was the code; rerun)");
        await Expect(codeError).ToHaveTextAsync("코드가 올바르지 않습니다. 앱의 현재 코드를 입력하세요.");

        await page.Test("code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.Test("verify").ClickAsync();
        await Expect(page.Test("two-factor-enabled")).ToBeVisibleAsync();
        await Expect(page.Test("recovery-code")).ToHaveCountAsync(10);
        var recovery = await page.Test("recovery-code").First.InnerTextAsync();

        await Pages.OpenAsync(page, "/");
        await page.Test("sign-out").ClickAsync();

        // A wrong code is refused; the right one signs in.
        await page.GotoAsync("/login");
        await page.Test("email").FillAsync(email);
        await page.Test("password").FillAsync(SoriProcess.Password);
        await page.Test("sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login/two-factor"));
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(1));
        await page.Test("two-factor-code").FillAsync(wrong);
        await page.Test("two-factor-submit").ClickAsync();
        await Expect(page.Test("two-factor-error")).ToBeVisibleAsync();
        await page.Test("two-factor-code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.Test("two-factor-submit").ClickAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(page.Test("me")).ToBeVisibleAsync();

        // A recovery code works once, in a fresh browser.
        await using var other = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.Sori.BaseAddress.ToString() });
        var second = await other.NewPageAsync();
        await second.GotoAsync("/login");
        await second.Test("email").FillAsync(email);
        await second.Test("password").FillAsync(SoriProcess.Password);
        await second.Test("sign-in").ClickAsync();
        await second.Test("use-recovery").ClickAsync();
        await second.Test("recovery-code-input").FillAsync(recovery);
        await second.Test("two-factor-submit").ClickAsync();
        await second.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(second.Test("me")).ToBeVisibleAsync();

        // Turning it off ends the other sessions, not this one.
        await second.GotoAsync("/account");
        await second.Test("disable-password").FillAsync(SoriProcess.Password);
        await second.Test("disable-2fa").ClickAsync();
        await Expect(second.Test("two-factor-message")).ToBeVisibleAsync();
        await Pages.OpenAsync(second, "/");
        await Expect(second.Test("me")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"), new() { Timeout = 5_000 });
    });
}
