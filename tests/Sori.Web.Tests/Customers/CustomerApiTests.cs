using System.Net;
using Sori.Core.Common;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Customers;

public sealed class CustomerApiTests_Sqlite(SqliteWebApp app) : CustomerApiTests(app), IClassFixture<SqliteWebApp>;
public sealed class CustomerApiTests_Postgres(PostgresWebApp app) : CustomerApiTests(app), IClassFixture<PostgresWebApp>;

public abstract class CustomerApiTests(SoriWebApp app)
{
    private static string Mail() => $"c{Guid.NewGuid():N}@example.kr";

    [Fact]
    public async Task CreateSearchUpdate_Customer()
    {
        var agent = await app.As(Roles.Agent);
        var email = Mail();
        var org = await (await agent.PostJson("/api/v1/organizations", new { name = "소리상사 " + Guid.NewGuid().ToString("N")[..6], domains = new[] { "sori-corp.kr" } })).Json(HttpStatusCode.Created);
        var created = await (await agent.PostJson("/api/v1/customers", new
        {
            name = "한지민", emails = new[] { email.ToUpperInvariant() }, phones = new[] { "010-1234-5678" },
            language = "ko", organizationId = org.GetProperty("id").GetInt64(), tags = new[] { "VIP" },
        })).Json(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(email, created.GetProperty("emails")[0].GetString());

        var found = await (await agent.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(email[..10])}")).Json(HttpStatusCode.OK);
        Assert.Contains(found.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);
        var byName = await (await agent.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString("지민")}")).Json(HttpStatusCode.OK);
        Assert.Contains(byName.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);

        var updated = await (await agent.PatchJson($"/api/v1/customers/{id}", new { language = "en", notes = "prefers email" })).Json(HttpStatusCode.OK);
        Assert.Equal("en", updated.GetProperty("language").GetString());
        Assert.Equal("prefers email", updated.GetProperty("notes").GetString());
        Assert.Equal(org.GetProperty("id").GetInt64(), updated.GetProperty("organizationId").GetInt64());
    }

    [Fact]
    public async Task Create_BadInput_NamesField()
    {
        var agent = await app.As(Roles.Agent);
        await (await agent.PostJson("/api/v1/customers", new { name = "<b>x</b>" })).Problem(HttpStatusCode.BadRequest, "name");
        await (await agent.PostJson("/api/v1/customers", new { name = "x", emails = new[] { "nope" } })).Problem(HttpStatusCode.BadRequest, "emails");
        await (await agent.PostJson("/api/v1/customers", new { name = "x", timeZone = "Mars/Base" })).Problem(HttpStatusCode.BadRequest, "timeZone");
        await (await agent.PostJson("/api/v1/customers", new { name = "x", organizationId = 999999 })).Problem(HttpStatusCode.BadRequest, "organizationId");
        var email = Mail();
        await (await agent.PostJson("/api/v1/customers", new { name = "a", emails = new[] { email } })).Json(HttpStatusCode.Created);
        await (await agent.PostJson("/api/v1/customers", new { name = "b", emails = new[] { email } })).Problem(HttpStatusCode.BadRequest, "emails");
    }

    [Fact]
    public async Task Merge_MovesTicketsAndEmails_LeadOnly()
    {
        var agent = await app.As(Roles.Agent);
        var lead = await app.As(Roles.Lead);
        var (a, b) = (Mail(), Mail());
        var ticket = await (await agent.PostJson("/api/v1/tickets", new { subject = "중복 고객", body = "문의", requester = new { name = "김하나", email = a } })).Json(HttpStatusCode.Created);
        var source = ticket.GetProperty("requester").GetProperty("id").GetInt64();
        var target = (await (await agent.PostJson("/api/v1/customers", new { name = "김하나", emails = new[] { b } })).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostJson($"/api/v1/customers/{source}/merge", new { targetId = target })).StatusCode);
        var merged = await (await lead.PostJson($"/api/v1/customers/{source}/merge", new { targetId = target })).Json(HttpStatusCode.OK);
        Assert.Equal(new[] { a, b }.Order(), merged.GetProperty("emails").EnumerateArray().Select(e => e.GetString()).Order());
        var tickets = await (await agent.GetAsync($"/api/v1/customers/{target}/tickets")).Json(HttpStatusCode.OK);
        Assert.Contains(tickets.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetInt64() == ticket.GetProperty("id").GetInt64());

        // A new ticket from the old address lands on the surviving customer.
        var again = await (await agent.PostJson("/api/v1/tickets", new { subject = "재문의", body = "다시", requester = new { email = a } })).Json(HttpStatusCode.Created);
        Assert.Equal(target, again.GetProperty("requester").GetProperty("id").GetInt64());
        await (await lead.PostJson($"/api/v1/customers/{target}/merge", new { targetId = target })).Problem(HttpStatusCode.BadRequest, "targetId");
    }

    [Fact]
    public async Task TeamsFieldsAndTags_AdminAndLeadManage()
    {
        var lead = await app.As(Roles.Lead);
        var admin = await app.As(Roles.Admin);
        var me = await (await lead.GetAsync("/api/v1/auth/me")).Json(HttpStatusCode.OK);
        var team = await (await lead.PostJson("/api/v1/teams", new { name = "배송팀 " + Guid.NewGuid().ToString("N")[..6], memberIds = new[] { me.GetProperty("id").GetInt64() } })).Json(HttpStatusCode.Created);
        Assert.Equal(1, team.GetProperty("memberIds").GetArrayLength());
        await (await lead.PostJson("/api/v1/teams", new { name = team.GetProperty("name").GetString() })).Problem(HttpStatusCode.BadRequest, "name");

        var key = "size_" + Guid.NewGuid().ToString("N")[..6];
        await (await admin.PostJson("/api/v1/custom-fields", new { key, type = "dropdown", nameKo = "사이즈", nameEn = "Size" })).Problem(HttpStatusCode.BadRequest, "options");
        await (await admin.PostJson("/api/v1/custom-fields", new { key, type = "dropdown", nameKo = "사이즈", nameEn = "Size", options = new[] { "S", "M", "L" } })).Json(HttpStatusCode.Created);
        var t = await (await lead.PostJson("/api/v1/tickets", new
        {
            subject = "사이즈 교환", body = "M으로 바꿔주세요", requester = new { email = Mail() },
            teamId = team.GetProperty("id").GetInt64(), tags = new[] { "교환" }, customFields = new Dictionary<string, object> { [key] = "M" },
        })).Json(HttpStatusCode.Created);
        Assert.Equal("M", t.GetProperty("customFields").GetProperty(key).GetString());
        await (await lead.PatchJson($"/api/v1/tickets/{t.GetProperty("id")}", new { customFields = new Dictionary<string, object> { [key] = "XXL" } }))
            .Problem(HttpStatusCode.BadRequest, $"customFields.{key}");
        var tags = await (await lead.GetAsync("/api/v1/tags?prefix=교")).Json(HttpStatusCode.OK);
        Assert.Contains(tags.EnumerateArray(), g => g.GetProperty("name").GetString() == "교환");
    }
}
