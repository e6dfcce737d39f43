using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sori.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Sori.Browser.Tests.Admin;

/// <summary>A Sori of its own, started without an admin in its configuration.</summary>
public sealed class FirstRunSetupTests(WorkspaceFixture fixture) : BrowserTest(fixture), IAsyncLifetime
{
    private SoriProcess _empty = null!;

    public async Task InitializeAsync() => _empty = await SoriProcess.StartAsync(withAdmin: false);
    public async Task DisposeAsync() => await _empty.DisposeAsync();

    [Fact]
    public async Task FirstVisit_ShowsSetup_WhichCreatesTheAdmin_AndThenIsClosed()
    {
        var code = Regex.Match(_empty.Output, @"setup code:\s+([A-Z0-9]{4}-[A-Z0-9]{4})").Groups[1].Value;
        Assert.NotEmpty(code);
        await using var context = await Fixture.Browser.NewContextAsync(new() { BaseURL = _empty.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new Regex("/setup$"));

            await Fill(page, "AAAA-BBBB", "setup-owner@shop.kr");
            await Expect(page.Test("setup-error")).ToHaveTextAsync("설정 코드가 올바르지 않습니다.");

            await Fill(page, code, "setup-owner@shop.kr", confirm: "something-else-12");
            await Expect(page.Test("setup-error")).ToContainTextAsync("확인용 비밀번호가 일치하지 않습니다.");

            await Fill(page, code.ToLowerInvariant(), "setup-owner@shop.kr");
            await Expect(page).ToHaveURLAsync(new Regex("/admin/settings$"));
            await page.Locator("[data-interactive=true]").WaitForAsync();
            await Expect(page.Test("desk-name")).ToHaveTextAsync("소리 샵");
            await Expect(page.Test("desk-time-zone")).ToHaveValueAsync("Asia/Tokyo");
            await Expect(page.Test("me")).ToHaveTextAsync("김대표");

            var again = await page.GotoAsync("/setup");
            Assert.Equal(404, again!.Status);
            await Expect(page.Test("setup-code")).ToHaveCountAsync(0);

            // Signed out, the desk asks for the admin's sign-in, not for setup.
            await Pages.OpenAsync(page, "/");
            await page.Test("sign-out").ClickAsync();
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2F$"));
            Assert.Equal(404, (await page.GotoAsync("/setup"))!.Status);
            await Pages.SignInWithAsync(page, "setup-owner@shop.kr", "owner-password-1");
            await Expect(page.Test("me")).ToHaveTextAsync("김대표");
        }
        catch (Exception)
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "FirstRunSetupTests.png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(ScreenshotDirectory, "FirstRunSetupTests.sori.log"), _empty.Output);
            throw;
        }
    }

    private static async Task Fill(IPage page, string code, string email, string? confirm = null)
    {
        await page.Test("setup-code").FillAsync(code);
        await page.Test("setup-desk-name").FillAsync("소리 샵");
        await page.Test("setup-time-zone").SelectOptionAsync("Asia/Tokyo");
        await page.Test("setup-name").FillAsync("김대표");
        await page.Test("setup-email").FillAsync(email);
        await page.Test("setup-password").FillAsync("owner-password-1");
        await page.Test("setup-confirm").FillAsync(confirm ?? "owner-password-1");
        await page.Test("setup-submit").ClickAsync();
    }
}
