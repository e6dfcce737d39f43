using System.Net;
using Sori.Core.Common;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Email;

public sealed class MailboxApiTests_Sqlite(SqliteWebApp app) : MailboxApiTests(app), IClassFixture<SqliteWebApp>;
public sealed class MailboxApiTests_Postgres(PostgresWebApp app) : MailboxApiTests(app), IClassFixture<PostgresWebApp>;

public abstract class MailboxApiTests(SoriWebApp app)
{
    private static string Unique(string local) => $"{local}-{Guid.NewGuid():N}"[..20] + "@shop.example.kr";

    [Fact]
    public async Task Create_NameAndAddressOnly_Returns201WithIdAndNoServers()
    {
        var admin = await app.As(Roles.Admin);
        var address = Unique("help");
        var response = await admin.PostJson("/api/v1/mailboxes", new { name = "고객센터", address = address.ToUpperInvariant() });
        var created = await response.Json(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/mailboxes/{id}", response.Headers.Location?.ToString());
        Assert.Equal(address, created.GetProperty("address").GetString());
        Assert.Equal("ko", created.GetProperty("defaultLanguage").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("imap").ValueKind);
    }

    [Fact]
    public async Task Crud_WithServers_NeverReturnsSecrets()
    {
        var admin = await app.As(Roles.Admin);
        var body = new
        {
            name = "Support", address = Unique("support"), fromName = "소리샵 고객센터", defaultLanguage = "en",
            imap = new { host = "imap.example.kr", username = "support", password = "imap-secret-1" },
            smtp = new { host = "smtp.example.kr", tls = "start_tls", username = "support", auth = "oauth2" },
            oauth2 = new
            {
                tokenUrl = "https://oauth2.googleapis.com/token", clientId = "1234.apps.googleusercontent.com", clientSecret = "client-secret-1",
                refreshToken = "1//refresh-secret-1", accessToken = "ya29.access-secret-1", scope = "https://mail.google.com/",
            },
        };
        var created = await (await admin.PostJson("/api/v1/mailboxes", body)).Json(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        var imap = created.GetProperty("imap");
        Assert.Equal((993, "tls", "INBOX", true, "password"), (imap.GetProperty("port").GetInt32(), imap.GetProperty("tls").GetString(),
            imap.GetProperty("folder").GetString(), imap.GetProperty("hasPassword").GetBoolean(), imap.GetProperty("auth").GetString()));
        Assert.Equal((587, "oauth2"), (created.GetProperty("smtp").GetProperty("port").GetInt32(), created.GetProperty("smtp").GetProperty("auth").GetString()));
        var oauth2 = created.GetProperty("oauth2");
        Assert.Equal(("https://oauth2.googleapis.com/token", "1234.apps.googleusercontent.com", "auto", true, true, true),
            (oauth2.GetProperty("tokenUrl").GetString(), oauth2.GetProperty("clientId").GetString(), oauth2.GetProperty("mechanism").GetString(),
             oauth2.GetProperty("hasClientSecret").GetBoolean(), oauth2.GetProperty("hasRefreshToken").GetBoolean(), oauth2.GetProperty("hasAccessToken").GetBoolean()));

        foreach (var text in new[]
                 {
                     JsonText(created), await (await admin.GetAsync($"/api/v1/mailboxes/{id}")).Content.ReadAsStringAsync(),
                     await (await admin.GetAsync("/api/v1/mailboxes")).Content.ReadAsStringAsync(),
                 })
        {
            Assert.Contains($"\"id\":{id},", text);
            Assert.DoesNotContain("secret-1", text);
            Assert.DoesNotContain("ya29", text);
        }

        // Changing the host keeps the stored password; null removes the SMTP settings.
        var patched = await (await admin.PatchJson($"/api/v1/mailboxes/{id}", new { imap = new { host = "imap2.example.kr", folder = "Support" }, smtp = (object?)null }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(("imap2.example.kr", "Support", true), (patched.GetProperty("imap").GetProperty("host").GetString(),
            patched.GetProperty("imap").GetProperty("folder").GetString(), patched.GetProperty("imap").GetProperty("hasPassword").GetBoolean()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, patched.GetProperty("smtp").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/mailboxes/{id}")).StatusCode);
        await (await admin.GetAsync($"/api/v1/mailboxes/{id}")).Problem(HttpStatusCode.NotFound);
    }

    private static string JsonText(System.Text.Json.JsonElement e) => e.GetRawText();

    [Fact]
    public async Task Update_OAuth2AndTexts_MergeKeepingWhatWasLeftOut()
    {
        var admin = await app.As(Roles.Admin);
        var created = await (await admin.PostJson("/api/v1/mailboxes", new
        {
            name = "Gmail", address = Unique("gmail"),
            imap = new { host = "imap.gmail.com", username = "help@shop.kr", auth = "oauth2", processedFolder = "Sori/Processed", spamFolder = "[Gmail]/Spam" },
            oauth2 = new { tokenUrl = "https://oauth2.googleapis.com/token", clientId = "client", clientSecret = "cs-1", refreshToken = "rt-1" },
            signatures = new { ko = "{agent.name} 드림", en = "Regards, {agent.name}" },
            acknowledgements = new { ko = "{customer.name}님, #{ticket.number} 접수. {wait}" },
        })).Json(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(("Sori/Processed", "[Gmail]/Spam"), (created.GetProperty("imap").GetProperty("processedFolder").GetString(),
            created.GetProperty("imap").GetProperty("spamFolder").GetString()));
        Assert.False(created.GetProperty("oauth2").GetProperty("hasAccessToken").GetBoolean());

        var patched = await (await admin.PatchJson($"/api/v1/mailboxes/{id}", new
        {
            oauth2 = new { refreshToken = "rt-2", mechanism = "oauthbearer" },
            signatures = new { en = (string?)null },
            imap = new { processedFolder = (string?)null, trustedFingerprint = "sha256 Fingerprint=" + string.Join(':', Enumerable.Repeat("ab", 32)) },
        })).Json(HttpStatusCode.OK);

        var g = patched.GetProperty("oauth2");
        Assert.Equal(("client", "oauthbearer", true, true), (g.GetProperty("clientId").GetString(), g.GetProperty("mechanism").GetString(),
            g.GetProperty("hasClientSecret").GetBoolean(), g.GetProperty("hasRefreshToken").GetBoolean()));
        Assert.Equal("{agent.name} 드림", patched.GetProperty("signatures").GetProperty("ko").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, patched.GetProperty("signatures").GetProperty("en").ValueKind);
        Assert.Equal("{customer.name}님, #{ticket.number} 접수. {wait}", patched.GetProperty("acknowledgements").GetProperty("ko").GetString());
        var imap = patched.GetProperty("imap");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, imap.GetProperty("processedFolder").ValueKind);
        Assert.Equal("[Gmail]/Spam", imap.GetProperty("spamFolder").GetString());
        Assert.Equal(string.Join(':', Enumerable.Repeat("AB", 32)), imap.GetProperty("trustedFingerprint").GetString());

        // The grant cannot go while a server signs in with it; with the server back on passwords it can.
        await (await admin.PatchJson($"/api/v1/mailboxes/{id}", new { oauth2 = (object?)null })).Problem(HttpStatusCode.BadRequest, "oauth2");
        var removed = await (await admin.PatchJson($"/api/v1/mailboxes/{id}", new { oauth2 = (object?)null, imap = new { auth = "password", password = "p<b>ss" } }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, removed.GetProperty("oauth2").ValueKind);
        Assert.True(removed.GetProperty("imap").GetProperty("hasPassword").GetBoolean());
    }

    [Theory]
    [InlineData("""{"address":"a@shop.kr"}""", "name")]
    [InlineData("""{"name":"x"}""", "address")]
    [InlineData("""{"name":"x","address":"not an address"}""", "address")]
    [InlineData("""{"name":"x","address":"x1@shop.kr","defaultLanguage":"fr"}""", "defaultLanguage")]
    [InlineData("""{"name":"x","address":"x2@shop.kr","defaultTeamId":999999}""", "defaultTeamId")]
    [InlineData("""{"name":"x","address":"x3@shop.kr","imap":{"host":"imap.shop.kr","username":"u"}}""", "imap.password")]
    [InlineData("""{"name":"x","address":"x4@shop.kr","imap":{"username":"u","password":"p"}}""", "imap.host")]
    [InlineData("""{"name":"x","address":"x5@shop.kr","imap":{"host":"imap.shop.kr","port":70000,"username":"u","password":"p"}}""", "imap.port")]
    [InlineData("""{"name":"x","address":"x6@shop.kr","imap":{"host":"bad host!","username":"u","password":"p"}}""", "imap.host")]
    [InlineData("""{"name":"x","address":"x7@shop.kr","smtp":{"host":"smtp.shop.kr","tls":"ssl3"}}""", "smtp.tls")]
    [InlineData("""{"name":"x","address":"x8@shop.kr","smtp":{"host":"smtp.shop.kr","folder":"INBOX"}}""", "smtp.folder")]
    [InlineData("""{"name":"<script>x</script>","address":"x9@shop.kr"}""", "name")]
    [InlineData("""{"name":"x","address":"y1@shop.kr","imap":{"host":"imap.shop.kr","username":"u","auth":"kerberos","password":"p"}}""", "imap.auth")]
    [InlineData("""{"name":"x","address":"y2@shop.kr","smtp":{"host":"smtp.shop.kr","username":"u","auth":"oauth2"}}""", "oauth2")]
    [InlineData("""{"name":"x","address":"y3@shop.kr","smtp":{"host":"smtp.shop.kr","auth":"oauth2"}}""", "smtp.username")]
    [InlineData("""{"name":"x","address":"y4@shop.kr","oauth2":{"tokenUrl":"http://idp.example.com/token","clientId":"c","refreshToken":"r"}}""", "oauth2.tokenUrl")]
    [InlineData("""{"name":"x","address":"y5@shop.kr","oauth2":{"tokenUrl":"https://idp.example.com/token","refreshToken":"r"}}""", "oauth2.clientId")]
    [InlineData("""{"name":"x","address":"y6@shop.kr","oauth2":{}}""", "oauth2.refreshToken")]
    [InlineData("""{"name":"x","address":"y7@shop.kr","oauth2":{"accessToken":"t","mechanism":"cram-md5"}}""", "oauth2.mechanism")]
    [InlineData("""{"name":"x","address":"y8@shop.kr","imap":{"host":"imap.shop.kr","username":"u","password":"p","trustedFingerprint":"AB:CD"}}""", "imap.trustedFingerprint")]
    [InlineData("""{"name":"x","address":"y9@shop.kr","imap":{"host":"imap.shop.kr","username":"u","password":"p","folder":"Support","processedFolder":"Support"}}""", "imap.processedFolder")]
    [InlineData("""{"name":"x","address":"z1@shop.kr","imap":{"host":"imap.shop.kr","username":"u","password":"p","spamFolder":"inbox"}}""", "imap.spamFolder")]
    [InlineData("""{"name":"x","address":"z2@shop.kr","smtp":{"host":"smtp.shop.kr","processedFolder":"Done"}}""", "smtp.processedFolder")]
    [InlineData("""{"name":"x","address":"z3@shop.kr","signatures":{"ko":"{agnet.name} 드림"}}""", "signatures.ko")]
    [InlineData("""{"name":"x","address":"z4@shop.kr","acknowledgements":{"en":"Thanks, {agent.name}"}}""", "acknowledgements.en")]
    public async Task Create_BadInput_Returns400NamingTheField(string json, string field)
    {
        var admin = await app.As(Roles.Admin);
        await (await admin.PostRaw("/api/v1/mailboxes", json)).Problem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Create_SameAddressTwice_Returns400OnAddress()
    {
        var admin = await app.As(Roles.Admin);
        var address = Unique("dup");
        await (await admin.PostJson("/api/v1/mailboxes", new { name = "a", address })).Json(HttpStatusCode.Created);
        await (await admin.PostJson("/api/v1/mailboxes", new { name = "b", address })).Problem(HttpStatusCode.BadRequest, "address");
    }

    [Fact]
    public async Task TestConnection_MailboxWithoutServers_Is409()
    {
        var admin = await app.As(Roles.Admin);
        var created = await (await admin.PostJson("/api/v1/mailboxes", new { name = "drop", address = $"drop-{Guid.NewGuid():N}"[..16] + "@shop.kr" }))
            .Json(HttpStatusCode.Created);
        var problem = await (await admin.PostAsync($"/api/v1/mailboxes/{created.GetProperty("id").GetInt64()}/test", null)).Problem(HttpStatusCode.Conflict);
        Assert.Contains("no IMAP or SMTP settings", problem.GetProperty("detail").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("polling").ValueKind);
    }

    [Fact]
    public async Task OpenApi_DescribesTheMailboxEndpoints()
    {
        var doc = await (await app.Anonymous().GetAsync("/openapi/v1.json")).Json(HttpStatusCode.OK);
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/mailboxes/{id}", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/mailboxes/{id}/inbound", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/mailboxes/{id}/test", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/tickets/{id}/messages/{messageId}/resend", out _));
    }

    [Fact]
    public async Task Mailboxes_AgentAndWriteToken_AreForbidden()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As(Roles.Agent)).GetAsync("/api/v1/mailboxes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.WithToken("write")).PostJson("/api/v1/mailboxes", new { name = "a", address = "a@shop.kr" })).StatusCode);
    }
}
