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
            smtp = new { host = "smtp.example.kr", tls = "start_tls", username = "support", oauth2Token = "smtp-token-1" },
        };
        var created = await (await admin.PostJson("/api/v1/mailboxes", body)).Json(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        var imap = created.GetProperty("imap");
        Assert.Equal((993, "tls", "INBOX", true, false), (imap.GetProperty("port").GetInt32(), imap.GetProperty("tls").GetString(),
            imap.GetProperty("folder").GetString(), imap.GetProperty("hasPassword").GetBoolean(), imap.GetProperty("hasOAuth2Token").GetBoolean()));
        Assert.Equal(587, created.GetProperty("smtp").GetProperty("port").GetInt32());

        var fetched = await admin.GetAsync($"/api/v1/mailboxes/{id}");
        var text = await fetched.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.DoesNotContain("imap-secret-1", text);
        Assert.DoesNotContain("smtp-token-1", text);
        var list = await (await admin.GetAsync("/api/v1/mailboxes")).Content.ReadAsStringAsync();
        Assert.Contains($"\"id\":{id},", list);
        Assert.DoesNotContain("secret", list);

        // Changing the host keeps the stored password; null removes the SMTP settings.
        var patched = await (await admin.PatchJson($"/api/v1/mailboxes/{id}", new { imap = new { host = "imap2.example.kr", folder = "Support" }, smtp = (object?)null }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(("imap2.example.kr", "Support", true), (patched.GetProperty("imap").GetProperty("host").GetString(),
            patched.GetProperty("imap").GetProperty("folder").GetString(), patched.GetProperty("imap").GetProperty("hasPassword").GetBoolean()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, patched.GetProperty("smtp").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/mailboxes/{id}")).StatusCode);
        await (await admin.GetAsync($"/api/v1/mailboxes/{id}")).Problem(HttpStatusCode.NotFound);
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
