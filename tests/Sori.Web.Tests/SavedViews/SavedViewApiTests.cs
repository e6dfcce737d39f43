using System.Net;
using Sori.Core.Common;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.SavedViews;

public sealed class SavedViewApiTests_Sqlite(SqliteWebApp app) : SavedViewApiTests(app), IClassFixture<SqliteWebApp>;
public sealed class SavedViewApiTests_Postgres(PostgresWebApp app) : SavedViewApiTests(app), IClassFixture<PostgresWebApp>;

public abstract class SavedViewApiTests(SoriWebApp app)
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private static async Task Ticket(HttpClient client, string tag) =>
        await (await client.PostJson("/api/v1/tickets", new
        {
            subject = "환불 문의", body = "환불해 주세요", tags = new[] { tag },
            requester = new { name = "이서준", email = $"c{Unique()}@example.kr" },
        })).Json(HttpStatusCode.Created);

    [Fact]
    public async Task Agent_CreatesAViewAndReadsItsCountAndTickets()
    {
        var agent = await app.As(Roles.Agent);
        var tag = "v" + Unique();
        for (var i = 0; i < 3; i++) await Ticket(agent, tag);
        var created = await agent.PostJson("/api/v1/views", new { name = "환불 " + tag, filters = new { status = new[] { "new" }, tag, createdFrom = "-1d", sort = "created" } });
        var view = await created.Json(HttpStatusCode.Created);
        var id = view.GetProperty("id").GetInt64();
        Assert.Equal("personal", view.GetProperty("scope").GetString());

        var listed = await (await agent.GetAsync("/api/v1/views?counts=true")).Json(HttpStatusCode.OK);
        Assert.Equal(3, listed.EnumerateArray().Single(v => v.GetProperty("id").GetInt64() == id).GetProperty("count").GetInt32());
        var page = await (await agent.GetAsync($"/api/v1/views/{id}/tickets?limit=2")).Json(HttpStatusCode.OK);
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        var rest = await (await agent.GetAsync($"/api/v1/views/{id}/tickets?limit=2&cursor={page.GetProperty("next").GetString()}")).Json(HttpStatusCode.OK);
        Assert.Equal(1, rest.GetProperty("items").GetArrayLength());

        var renamed = await (await agent.PatchJson($"/api/v1/views/{id}", new { name = "바뀐 이름 " + tag })).Json(HttpStatusCode.OK);
        Assert.Equal(tag, renamed.GetProperty("filters").GetProperty("tag").GetString());
        (await agent.DeleteAsync($"/api/v1/views/{id}")).EnsureSuccessStatusCode();
        await (await agent.GetAsync($"/api/v1/views/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadInput_Is400NamingTheField_UnknownIds404_WrongRoles403()
    {
        var agent = await app.As(Roles.Agent);
        await (await agent.PostJson("/api/v1/views", new { name = new string('x', 101) })).Problem(HttpStatusCode.BadRequest, "name");
        await (await agent.PostJson("/api/v1/views", new { name = "x", filters = new { createdFrom = "last week" } })).Problem(HttpStatusCode.BadRequest, "filters.createdFrom");
        await (await agent.PostJson("/api/v1/views", new { name = "x", filters = new { status = new[] { "closed", "gone" } } })).Problem(HttpStatusCode.BadRequest, "filters.status");
        await (await agent.PostJson("/api/v1/views", new { name = "x", filters = new { customerId = 987654321 } })).Problem(HttpStatusCode.BadRequest, "filters.customerId");
        await (await agent.PostRaw("/api/v1/views", """{"name": "x", "filters": {"status": "open"}}""")).Problem(HttpStatusCode.BadRequest, "filters.status");
        await (await agent.GetAsync("/api/v1/views/987654321/tickets")).Problem(HttpStatusCode.NotFound);
        await (await agent.PatchJson("/api/v1/views/987654321", new { name = "x" })).Problem(HttpStatusCode.NotFound);

        await (await agent.PostJson("/api/v1/views", new { name = "공유", scope = "shared" })).Problem(HttpStatusCode.Forbidden);
        var admin = await app.As(Roles.Admin);
        var shared = await (await admin.PostJson("/api/v1/views", new { name = "공유 " + Unique(), scope = "shared", filters = new { priority = new[] { "urgent" } } })).Json(HttpStatusCode.Created);
        await (await agent.DeleteAsync($"/api/v1/views/{shared.GetProperty("id")}")).Problem(HttpStatusCode.Forbidden);
        (await agent.GetAsync($"/api/v1/views/{shared.GetProperty("id")}/tickets")).EnsureSuccessStatusCode();
        await (await (await app.WithToken("write")).PostJson("/api/v1/views", new { name = "x" })).Problem(HttpStatusCode.BadRequest, "scope");
    }
}
