using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
}
