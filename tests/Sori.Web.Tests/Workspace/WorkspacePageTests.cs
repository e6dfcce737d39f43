using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sori.Core.Common;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Workspace;

/// <summary>The workspace's pages as the server renders them (prerendered HTML), without a browser.</summary>
public sealed class WorkspacePageTests(SqliteWebApp app) : IClassFixture<SqliteWebApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/tickets/1")]
    [InlineData("/admin/agents")]
    [InlineData("/admin/macros")]
    [InlineData("/macros")]
    [InlineData("/views")]
    [InlineData("/admin")]
    [InlineData("/admin/settings")]
    [InlineData("/customers")]
    [InlineData("/customers/1")]
    [InlineData("/organizations/1")]
    [InlineData("/account")]
    public async Task WorkspacePage_Anonymous_RedirectsToSignIn(string path)
    {
        var response = await app.AnonymousBrowser().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public void RequestCultures_AreTheSharedReadOnlyOnes()
    {
        // A culture that is not read-only reaches each request as a fresh copy whose number and date
        // formats are rebuilt from ICU on first use (measurable per API call).
        var options = app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value;
        Assert.Equal(["ko", "en"], options.SupportedCultures!.Select(c => c.Name));
        Assert.All(options.SupportedCultures!.Concat(options.SupportedUICultures!).Append(options.DefaultRequestCulture.Culture),
            c => Assert.Same(CultureInfo.GetCultureInfo(c.Name), c));
    }

    [Fact]
    public async Task SignInPage_Anonymous_RendersKoreanFormWithAntiforgery()
    {
        var html = await app.AnonymousBrowser().GetStringAsync("/login");
        Assert.Contains("<html lang=\"ko\"", html);
        Assert.Contains("__RequestVerificationToken", html);
        Assert.Contains("<h1>로그인</h1>", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task AdminPage_Agent_RedirectsToForbidden403()
    {
        var agent = await app.Browser(Roles.Agent);
        var response = await agent.GetAsync("/admin/agents");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/forbidden", response.Headers.Location!.PathAndQuery);
        var forbidden = await agent.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task AdminPage_Admin_ListsAgents()
    {
        var admin = await app.Browser(Roles.Admin);
        var response = await admin.GetAsync("/admin/agents");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SoriWebApp.AdminEmail, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TicketPage_MarkupInMessageBody_IsEncoded()
    {
        var api = await app.As(Roles.Admin);
        var created = await api.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "마크업 제목", body = "<script>alert(1)</script> <b>굵게</b> 본문",
            requester = new { name = "정하은", email = $"x{Guid.NewGuid():N}@example.kr" },
        });
        var id = (await created.Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var response = await (await app.Browser(Roles.Agent)).GetAsync($"/tickets/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public async Task Inbox_EnglishCultureCookie_RendersEnglish()
    {
        var agent = await app.Browser(Roles.Agent, language: "en");
        var html = await agent.GetStringAsync("/?view=all");
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("My open tickets", html);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRejected()
    {
        var agent = await app.Browser(Roles.Agent);
        var response = await agent.PostAsync("/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Pages_WriteKoreanAsUtf8_AndStillEscapeMarkup()
    {
        var html = await app.AnonymousBrowser().GetStringAsync("/login");
        Assert.Contains("<h1>로그인</h1>", html); // not &#xB85C;&#xADF8;&#xC778;: a third of the bytes
        Assert.DoesNotContain("&#xB85C;", html);
    }

    [Fact]
    public async Task SharedMacrosPage_Agent403_AdminSeesTheSharedMacros()
    {
        var title = "공유 안내 " + Guid.NewGuid().ToString("N")[..6];
        var api = await app.As(Roles.Admin);
        await (await api.PostJson("/api/v1/macros", new { title, scope = "shared", bodies = new { ko = "<script>alert(1)</script>" } })).Json(HttpStatusCode.Created);

        var agent = await app.Browser(Roles.Agent);
        var refused = await agent.GetAsync("/admin/macros");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/forbidden", refused.Headers.Location!.PathAndQuery);
        var html = await (await app.Browser(Roles.Admin)).GetStringAsync("/admin/macros");
        Assert.Contains(title, WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("<script>alert(1)</script>", html);
    }

    [Fact]
    public async Task Inbox_ListsMyViewWithItsCount_AndOpensIt()
    {
        var agent = await app.Browser(Roles.Agent);
        var tag = "p" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 2; i++)
            await (await agent.PostJson("/api/v1/tickets", new { subject = "뷰 " + tag, body = "본문", tags = new[] { tag }, requester = new { name = "최유나", email = $"{tag}{i}@example.kr" } }))
                .Json(HttpStatusCode.Created);
        var view = await (await agent.PostJson("/api/v1/views", new { name = "내 보기 " + tag, filters = new { tag } })).Json(HttpStatusCode.Created);

        var inbox = WebUtility.HtmlDecode(await agent.GetStringAsync("/"));
        Assert.Matches($"내 보기 {tag}</span>\\s*<span class=\"count\" data-test=\"saved-count\">2</span>", inbox);
        var opened = WebUtility.HtmlDecode(await agent.GetStringAsync($"/?saved={view.GetProperty("id")}"));
        Assert.Contains($"<h1 data-test=\"view-title\">내 보기 {tag}</h1>", opened);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(opened, "data-test=\"ticket-row\"").Count);
        Assert.Contains("data-test=\"select-all\"", opened);
    }

    [Fact]
    public async Task TicketPage_ShowsTheMacroPickerAndTheNewShortcuts()
    {
        var agent = await app.Browser(Roles.Agent);
        var created = await agent.PostJson("/api/v1/tickets", new { subject = "단축키", body = "본문", requester = new { name = "정하은", email = $"k{Guid.NewGuid():N}@example.kr" } });
        var id = (await created.Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var html = WebUtility.HtmlDecode(await agent.GetStringAsync($"/tickets/{id}"));
        Assert.Contains("data-key=\"m\"", html);
        Assert.Contains("매크로 선택 창 열기", html);
        Assert.Contains("목록에서 선택한 티켓 체크", html);
        Assert.Contains("작성 중인 답변이나 메모 보내기", html);
    }
}
