using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Testing;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Account;

/// <summary>Two-factor sign-in, password change, sign-in links, desk settings and tags through the HTTP API and the setup page.</summary>
public sealed class AccountApiTests(SqliteWebApp app) : IClassFixture<SqliteWebApp>
{
    private async Task<(long Id, string Email)> NewAgent()
    {
        var email = $"acct{Guid.NewGuid():N}@test.sori.dev";
        var agent = await (await (await app.As(Roles.Admin)).PostJson("/api/v1/agents", new { email, name = "계정 테스트", password = SoriWebApp.Password }))
            .Json(HttpStatusCode.Created);
        return (agent.GetProperty("id").GetInt64(), email);
    }

    private Task<HttpResponseMessage> Login(string email, string password = SoriWebApp.Password, string? code = null, string? recovery = null, HttpClient? client = null) =>
        (client ?? app.Anonymous()).PostAsJsonAsync("/api/v1/auth/login", new { email, password, twoFactorCode = code, recoveryCode = recovery });

    [Fact]
    public async Task Login_TwoFactorOn_AsksForTheCodeAndTakesACodeOrARecoveryCodeOnce()
    {
        var (id, email) = await NewAgent();
        IReadOnlyList<string> recovery;
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var twoFactor = scope.ServiceProvider.GetRequiredService<ManageTwoFactor>();
            key = (await twoFactor.Setup(id, "Sori", default)).SharedKey;
            recovery = await twoFactor.Enable(id, Totp.Code(key, DateTimeOffset.UtcNow), default);
        }

        await (await Login(email)).Problem(HttpStatusCode.Unauthorized, "twoFactorCode");
        await (await Login(email, code: Totp.Code(key, DateTimeOffset.UtcNow.AddHours(2)))).Problem(HttpStatusCode.Unauthorized);
        await (await Login(email, "wrong-password-1", code: Totp.Code(key, DateTimeOffset.UtcNow))).Problem(HttpStatusCode.Unauthorized);
        await (await Login(email, code: Totp.Code(key, DateTimeOffset.UtcNow))).Json(HttpStatusCode.OK);
        await (await Login(email, recovery: recovery[0])).Json(HttpStatusCode.OK);
        await (await Login(email, recovery: recovery[0])).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangeOwnPassword_KeepsThisSession_RefusesBadInput_TokensHaveNone()
    {
        var (_, email) = await NewAgent();
        var browser = app.AnonymousBrowser();
        await (await Login(email, client: browser)).Json(HttpStatusCode.OK);

        await (await browser.PostJson("/api/v1/auth/password", new { currentPassword = "wrong-password-1", newPassword = "new-password-42", confirmPassword = "new-password-42" }))
            .Problem(HttpStatusCode.BadRequest, "currentPassword");
        await (await browser.PostJson("/api/v1/auth/password", new { currentPassword = SoriWebApp.Password, newPassword = "short", confirmPassword = "short" }))
            .Problem(HttpStatusCode.BadRequest, "newPassword");
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostJson("/api/v1/auth/password",
            new { currentPassword = SoriWebApp.Password, newPassword = "new-password-42", confirmPassword = "new-password-42" })).StatusCode);

        await (await browser.GetAsync("/api/v1/auth/me")).Json(HttpStatusCode.OK);
        await (await Login(email)).Problem(HttpStatusCode.Unauthorized);
        await (await Login(email, "new-password-42")).Json(HttpStatusCode.OK);
        await (await (await app.WithToken("write")).PostJson("/api/v1/auth/password", new { currentPassword = "x", newPassword = "y" })).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignInLink_FromTheApi_OpensTheWelcomePageOnce()
    {
        var (id, email) = await NewAgent();
        var link = await (await (await app.As(Roles.Admin)).PostAsync($"/api/v1/agents/{id}/sign-in-link", null)).Json(HttpStatusCode.OK);
        var url = new Uri(link.GetProperty("url").GetString()!);

        var page = await app.AnonymousBrowser().GetStringAsync(url.PathAndQuery);
        Assert.Contains(email, WebUtility.HtmlDecode(page));
        Assert.Contains("data-test=\"set-password\"", page);
        var invalid = await app.AnonymousBrowser().GetStringAsync(url.PathAndQuery + "x");
        Assert.Contains("data-test=\"link-invalid\"", invalid);
        await (await (await app.As(Roles.Admin)).PostAsync("/api/v1/agents/999999/sign-in-link", null)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Settings_ApiValidatesAndTheWorkspaceUsesThem()
    {
        var admin = await app.As(Roles.Admin);
        await (await admin.PatchJson("/api/v1/settings", new { deskName = "", defaultLanguage = "jp", timeZone = "Mars/Base" }))
            .Problem(HttpStatusCode.BadRequest, "timeZone");
        var saved = await (await admin.PatchJson("/api/v1/settings", new { deskName = "소리 쇼핑", timeZone = "Asia/Seoul" })).Json(HttpStatusCode.OK);
        Assert.Equal("소리 쇼핑", saved.GetProperty("deskName").GetString());

        var html = WebUtility.HtmlDecode(await (await app.Browser(Roles.Agent)).GetStringAsync("/"));
        Assert.Contains("data-test=\"desk-name\">소리 쇼핑</a>", html);
        Assert.Equal("소리 쇼핑", (await (await app.WithToken("read")).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/settings")).GetProperty("deskName").GetString());
    }

    [Fact]
    public async Task SetupPage_WithAnAdmin_IsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.AnonymousBrowser().GetAsync("/setup")).StatusCode);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "setup", ["Input.Code"] = "AAAA-BBBB" });
        Assert.True((await app.AnonymousBrowser().PostAsync("/setup", form)).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Tags_DefineListAndRemove()
    {
        var lead = await app.As(Roles.Lead);
        var name = $"vip-{Guid.NewGuid():N}"[..12];
        var created = await (await lead.PostJson("/api/v1/tags", new { name = name.ToUpperInvariant(), description = "단골" })).Json(HttpStatusCode.Created);
        Assert.Equal(name, created.GetProperty("name").GetString());
        await (await lead.PostJson("/api/v1/tags", new { name })).Problem(HttpStatusCode.BadRequest, "name");
        await (await lead.PostJson("/api/v1/tags", new { name = "<b>x</b>" })).Problem(HttpStatusCode.BadRequest, "name");

        var listed = await (await lead.GetAsync($"/api/v1/tags?prefix={name}")).Json(HttpStatusCode.OK);
        Assert.Equal("단골", listed[0].GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/v1/tags/{name}")).StatusCode);
        await (await lead.DeleteAsync($"/api/v1/tags/{name}")).Problem(HttpStatusCode.NotFound);
    }
}
