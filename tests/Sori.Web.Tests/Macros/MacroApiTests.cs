using System.Net;
using System.Text.Json;
using Sori.Core.Common;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Macros;

public sealed class MacroApiTests_Sqlite(SqliteWebApp app) : MacroApiTests(app), IClassFixture<SqliteWebApp>;
public sealed class MacroApiTests_Postgres(PostgresWebApp app) : MacroApiTests(app), IClassFixture<PostgresWebApp>;

public abstract class MacroApiTests(SoriWebApp app)
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private static object Macro(string? scope = null, string? title = null, object? bodies = null, object? actions = null) => new
    {
        title = title ?? "배송 안내 " + Unique(), scope,
        bodies = bodies ?? new { ko = "{{customer.name}}님, #{{ticket.number}} 배송이 시작되었습니다.", en = "Hi {{customer.name|there}}, #{{ticket.number}} has shipped." },
        actions = actions ?? new { status = "pending", addTags = new[] { "shipping" } },
    };

    private async Task<long> Ticket(HttpClient client, string language = "ko")
    {
        var body = new { subject = "배송 문의", body = "언제 와요?", requester = new { name = "김민지", email = $"c{Unique()}@example.kr", language } };
        return (await (await client.PostJson("/api/v1/tickets", body)).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Agent_CreatesPreviewsAndAppliesAPersonalMacro()
    {
        var agent = await app.As(Roles.Agent);
        var created = await agent.PostJson("/api/v1/macros", Macro());
        var macro = await created.Json(HttpStatusCode.Created);
        var id = macro.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/macros/{id}", created.Headers.Location?.ToString());
        Assert.Equal("personal", macro.GetProperty("scope").GetString());
        var ticketId = await Ticket(agent, "en");

        var preview = await (await agent.GetAsync($"/api/v1/macros/{id}/preview?ticketId={ticketId}")).Json(HttpStatusCode.OK);
        Assert.Equal("en", preview.GetProperty("language").GetString());
        Assert.StartsWith("Hi 김민지, #", preview.GetProperty("body").GetString());

        var applied = await (await agent.PostJson($"/api/v1/macros/{id}/apply", new { ticketId })).Json(HttpStatusCode.OK);
        Assert.Equal("pending", applied.GetProperty("ticket").GetProperty("status").GetString());
        Assert.Equal(["shipping"], applied.GetProperty("ticket").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(preview.GetProperty("body").GetString(), applied.GetProperty("message").GetProperty("body").GetString());
        var events = await (await agent.GetAsync($"/api/v1/tickets/{ticketId}/events")).Json(HttpStatusCode.OK);
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("kind").GetString() == "macro_applied");

        var listed = await (await agent.GetAsync("/api/v1/macros?scope=personal&q=" + Uri.EscapeDataString(macro.GetProperty("title").GetString()!))).Json(HttpStatusCode.OK);
        Assert.Equal(1, Assert.Single(listed.EnumerateArray()).GetProperty("usageCount").GetInt32());
        (await agent.DeleteAsync($"/api/v1/macros/{id}")).EnsureSuccessStatusCode();
        await (await agent.GetAsync($"/api/v1/macros/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task HostileHtmlInABody_IsKeptAsTextAndEscapedInThePreview()
    {
        var agent = await app.As(Roles.Agent);
        const string hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> {{customer.name}}";
        var macro = await (await agent.PostJson("/api/v1/macros", Macro(bodies: new { ko = hostile }))).Json(HttpStatusCode.Created);
        Assert.Equal(hostile, macro.GetProperty("bodies").GetProperty("ko").GetString());

        var preview = await (await agent.GetAsync($"/api/v1/macros/{macro.GetProperty("id")}/preview?ticketId={await Ticket(agent)}")).Json(HttpStatusCode.OK);
        var html = preview.GetProperty("bodyHtml").GetString()!;
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; 김민지", html);
    }

    [Fact]
    public async Task BadInput_Is400NamingTheField()
    {
        var agent = await app.As(Roles.Agent);
        await (await agent.PostJson("/api/v1/macros", Macro(title: new string('가', 201)))).Problem(HttpStatusCode.BadRequest, "title");
        await (await agent.PostJson("/api/v1/macros", Macro(title: "<b>굵게</b>"))).Problem(HttpStatusCode.BadRequest, "title");
        await (await agent.PostJson("/api/v1/macros", Macro(bodies: new { ko = new string('x', 20_001) }))).Problem(HttpStatusCode.BadRequest, "bodies.ko");
        var unknown = await (await agent.PostJson("/api/v1/macros", Macro(bodies: new { en = "Hi {{customer.first_name}}" }))).Problem(HttpStatusCode.BadRequest, "bodies.en");
        Assert.Contains("{{customer.first_name}}", unknown.GetProperty("errors").GetProperty("bodies.en")[0].GetString());
        await (await agent.PostJson("/api/v1/macros", Macro(bodies: new { de = "Hallo" }))).Problem(HttpStatusCode.BadRequest, "bodies");
        await (await agent.PostJson("/api/v1/macros", Macro(actions: new { status = "done", assignee = "nobody" }))).Problem(HttpStatusCode.BadRequest, "actions.status");
        await (await agent.PostJson("/api/v1/macros", Macro(actions: new { addTags = new[] { new string('t', 65) } }))).Problem(HttpStatusCode.BadRequest, "actions.addTags");
        await (await agent.PostRaw("/api/v1/macros", """{"title": "x", "actions": {"addTags": 5}}""")).Problem(HttpStatusCode.BadRequest, "actions.addTags");
        await (await agent.PostRaw("/api/v1/macros", """{"title": "x", "bodies": ["ko"]}""")).Problem(HttpStatusCode.BadRequest, "bodies");

        var id = (await (await agent.PostJson("/api/v1/macros", Macro())).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await (await agent.GetAsync($"/api/v1/macros/{id}/preview")).Problem(HttpStatusCode.BadRequest, "ticketId");
        await (await agent.PostJson($"/api/v1/macros/{id}/apply", new { })).Problem(HttpStatusCode.BadRequest, "ticketId");
        await (await agent.PostJson($"/api/v1/macros/{id}/apply", new { ticketId = 1, visibility = "everyone" })).Problem(HttpStatusCode.BadRequest, "visibility");
        await (await agent.PatchJson($"/api/v1/macros/{id}", new { title = "" })).Problem(HttpStatusCode.BadRequest, "title");
        await (await agent.PatchJson($"/api/v1/macros/{id}", new { teamId = 5 })).Problem(HttpStatusCode.BadRequest, "teamId");
        await (await agent.GetAsync("/api/v1/macros?scope=everyone")).Problem(HttpStatusCode.BadRequest, "scope");
    }

    [Fact]
    public async Task UnknownIds_Are404()
    {
        var agent = await app.As(Roles.Agent);
        var ticketId = await Ticket(agent);
        await (await agent.GetAsync("/api/v1/macros/987654321")).Problem(HttpStatusCode.NotFound);
        await (await agent.PatchJson("/api/v1/macros/987654321", new { title = "x" })).Problem(HttpStatusCode.NotFound);
        await (await agent.DeleteAsync("/api/v1/macros/987654321")).Problem(HttpStatusCode.NotFound);
        await (await agent.GetAsync($"/api/v1/macros/987654321/preview?ticketId={ticketId}")).Problem(HttpStatusCode.NotFound);
        await (await agent.PostJson("/api/v1/macros/987654321/apply", new { ticketId })).Problem(HttpStatusCode.NotFound);
        var id = (await (await agent.PostJson("/api/v1/macros", Macro())).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await (await agent.PostJson($"/api/v1/macros/{id}/apply", new { ticketId = 987654321 })).Problem(HttpStatusCode.NotFound);
        await (await agent.GetAsync($"/api/v1/macros/{id}/preview?ticketId=987654321")).Problem(HttpStatusCode.BadRequest, "ticketId");
    }

    [Fact]
    public async Task Roles_AdminsManageShared_AgentsTheirOwn_TokensAsTheirScopeAllows()
    {
        var admin = await app.As(Roles.Admin);
        var agent = await app.As(Roles.Agent);
        var lead = await app.As(Roles.Lead);
        var someoneElse = await app.Browser(Roles.Agent);

        await (await agent.PostJson("/api/v1/macros", Macro("shared"))).Problem(HttpStatusCode.Forbidden);
        await (await lead.PostJson("/api/v1/macros", Macro("shared"))).Problem(HttpStatusCode.Forbidden);
        var shared = (await (await admin.PostJson("/api/v1/macros", Macro("shared"))).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await (await agent.PatchJson($"/api/v1/macros/{shared}", new { title = "바꿈" })).Problem(HttpStatusCode.Forbidden);
        await (await agent.DeleteAsync($"/api/v1/macros/{shared}")).Problem(HttpStatusCode.Forbidden);
        (await agent.GetAsync($"/api/v1/macros/{shared}")).EnsureSuccessStatusCode();

        var personal = (await (await agent.PostJson("/api/v1/macros", Macro())).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await (await someoneElse.GetAsync($"/api/v1/macros/{personal}")).Problem(HttpStatusCode.NotFound);
        await (await someoneElse.PatchJson($"/api/v1/macros/{personal}", new { title = "x" })).Problem(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/v1/macros/{personal}")).Problem(HttpStatusCode.NotFound);

        await (await (await app.WithToken("read")).PostJson("/api/v1/macros", Macro("shared"))).Problem(HttpStatusCode.Forbidden);
        var writeToken = await app.WithToken("write");
        await (await writeToken.PostJson("/api/v1/macros", Macro())).Problem(HttpStatusCode.BadRequest, "scope");
        await (await writeToken.PostJson("/api/v1/macros", Macro("shared"))).Problem(HttpStatusCode.Forbidden);
        await (await (await app.WithToken("admin")).PostJson("/api/v1/macros", Macro("shared"))).Json(HttpStatusCode.Created);
        var placeholders = await (await writeToken.GetAsync("/api/v1/macros/placeholders")).Json(HttpStatusCode.OK);
        Assert.Contains(placeholders.EnumerateArray(), p => p.GetProperty("name").GetString() == "customer.name");
    }
}
