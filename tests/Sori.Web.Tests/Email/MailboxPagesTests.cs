using System.Net;
using Sori.Core.Common;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Email;

/// <summary>The mailbox admin pages as the server renders them: admins only, and never a stored secret in the HTML.</summary>
public sealed class MailboxPagesTests(SqliteWebApp app) : IClassFixture<SqliteWebApp>
{
    [Theory]
    [InlineData("/admin/mailboxes")]
    [InlineData("/admin/mailboxes/new")]
    [InlineData("/admin/mailboxes/1")]
    public async Task MailboxPages_Anonymous_RedirectToSignIn(string path)
    {
        var response = await app.AnonymousBrowser().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Lead)]
    public async Task MailboxPages_NotAdmin_AreForbidden(string role)
    {
        var browser = await app.Browser(role);
        var response = await browser.GetAsync("/admin/mailboxes");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/forbidden", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task MailboxPages_Admin_ListAndEditWithoutSecrets()
    {
        var api = await app.As(Roles.Admin);
        var address = $"page-{Guid.NewGuid():N}"[..18] + "@shop.example.kr";
        var created = await (await api.PostJson("/api/v1/mailboxes", new
        {
            name = "페이지 메일함", address,
            imap = new { host = "imap.page.example.kr", username = "help", password = "imap-page-secret" },
            smtp = new { host = "smtp.page.example.kr", username = "help", auth = "oauth2" },
            oauth2 = new { tokenUrl = "https://idp.example.kr/token", clientId = "client-page", clientSecret = "client-page-secret", refreshToken = "refresh-page-secret" },
            signatures = new { ko = "{agent.name} 드림" },
        })).Json(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        var admin = await app.Browser(Roles.Admin);

        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/mailboxes"));
        Assert.Contains(address, list);
        Assert.Contains("IMAP imap.page.example.kr:993", list);
        Assert.Contains("href=\"/admin/mailboxes\"", list); // the one navigation link

        var edit = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/mailboxes/{id}"));
        Assert.Contains("imap.page.example.kr", edit);
        Assert.Contains("client-page", edit);
        Assert.Contains("{agent.name} 드림", edit);
        foreach (var secret in new[] { "imap-page-secret", "client-page-secret", "refresh-page-secret" }) Assert.DoesNotContain(secret, edit);
    }
}
