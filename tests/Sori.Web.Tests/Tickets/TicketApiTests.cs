using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Tickets;

public sealed class TicketApiTests_Sqlite(SqliteWebApp app) : TicketApiTests(app), IClassFixture<SqliteWebApp>;
public sealed class TicketApiTests_Postgres(PostgresWebApp app) : TicketApiTests(app), IClassFixture<PostgresWebApp>;

public abstract class TicketApiTests(SoriWebApp app)
{
    private static object NewTicket(string? email = null, string subject = "배송 문의") => new
    {
        subject, body = "주문한 상품이 아직 도착하지 않았어요.",
        requester = new { name = "김민지", email = email ?? $"c{Guid.NewGuid():N}@example.kr" },
    };

    private async Task<int> Count<T>(Func<SoriDbContext, IQueryable<T>> q)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await q(scope.ServiceProvider.GetRequiredService<SoriDbContext>()).CountAsync();
    }

    [Fact]
    public async Task Create_Returns201WithLocationAndTicket()
    {
        var client = await app.WithToken("read", "write");
        var response = await client.PostJson("/api/v1/tickets", NewTicket());
        var ticket = await response.Json(HttpStatusCode.Created);
        var id = ticket.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/tickets/{id}", response.Headers.Location?.ToString());
        Assert.Equal("new", ticket.GetProperty("status").GetString());
        Assert.True(ticket.GetProperty("number").GetInt64() > 0);

        var fetched = await (await client.GetAsync($"/api/v1/tickets/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal("배송 문의", fetched.GetProperty("subject").GetString());
        var messages = await (await client.GetAsync($"/api/v1/tickets/{id}/messages")).Json(HttpStatusCode.OK);
        Assert.Equal("주문한 상품이 아직 도착하지 않았어요.", messages.GetProperty("items")[0].GetProperty("body").GetString());
    }

    [Fact]
    public async Task List_FiltersByStatusAndPagesWithCursor()
    {
        var agent = await app.As(Roles.Agent);
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            var t = await (await agent.PostJson("/api/v1/tickets", NewTicket())).Json(HttpStatusCode.Created);
            (await agent.PatchJson($"/api/v1/tickets/{t.GetProperty("id")}", new { status = "open", addTags = new[] { tag } })).EnsureSuccessStatusCode();
        }
        var first = await (await agent.GetAsync($"/api/v1/tickets?status=open&tag={tag}&limit=2")).Json(HttpStatusCode.OK);
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var next = first.GetProperty("next").GetString();
        var second = await (await agent.GetAsync($"/api/v1/tickets?status=open&tag={tag}&limit=2&cursor={next}")).Json(HttpStatusCode.OK);
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task ReplyNoteAssignSolve_ThroughTheApi()
    {
        var agent = await app.As(Roles.Agent);
        var t = await (await agent.PostJson("/api/v1/tickets", NewTicket())).Json(HttpStatusCode.Created);
        var id = t.GetProperty("id").GetInt64();
        await (await agent.PostJson($"/api/v1/tickets/{id}/messages", new { body = "내부 확인 중", visibility = "internal" })).Json(HttpStatusCode.Created);
        var me = await (await agent.GetAsync("/api/v1/auth/me")).Json(HttpStatusCode.OK);
        var assigned = await (await agent.PatchJson($"/api/v1/tickets/{id}", new { assigneeId = me.GetProperty("id").GetInt64(), priority = "high" })).Json(HttpStatusCode.OK);
        Assert.Equal("open", assigned.GetProperty("status").GetString());
        await (await agent.PostJson($"/api/v1/tickets/{id}/messages", new { body = "발송되었습니다. 감사합니다.", status = "solved" })).Json(HttpStatusCode.Created);
        var solved = await (await agent.GetAsync($"/api/v1/tickets/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal("solved", solved.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, solved.GetProperty("firstResponseAt").ValueKind);
        var unassigned = await (await agent.PatchJson($"/api/v1/tickets/{id}", new { assigneeId = (long?)null })).Json(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, unassigned.GetProperty("assigneeId").ValueKind);
        var events = await (await agent.GetAsync($"/api/v1/tickets/{id}/events")).Json(HttpStatusCode.OK);
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("kind").GetString() == "status_changed" && e.GetProperty("newValue").GetString() == "solved");
        var publicOnly = await (await agent.GetAsync($"/api/v1/tickets/{id}/messages?includeInternal=false")).Json(HttpStatusCode.OK);
        Assert.Equal(2, publicOnly.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"subject\": ", "subject")]
    [InlineData("[1, 2]", "body")]
    [InlineData("{\"subject\": 42, \"body\": \"x\", \"requester\": {\"email\": \"a@example.com\"}}", "subject")]
    [InlineData("{\"subject\": \"<script>alert(1)</script>\", \"body\": \"x\", \"requester\": {\"email\": \"a@example.com\"}}", "subject")]
    [InlineData("{\"subject\": \"ok\", \"body\": \"x\", \"requester\": {\"email\": \"not-mail\"}}", "requester.email")]
    [InlineData("{\"subject\": \"ok\", \"body\": \"x\"}", "requester")]
    [InlineData("{\"subject\": \"ok\", \"body\": \"x\", \"priority\": \"asap\", \"requester\": {\"email\": \"a@example.com\"}}", "priority")]
    public async Task Create_BadInput_ProblemNamingFieldAndNothingStored(string json, string field)
    {
        var client = await app.WithToken("write");
        var before = await Count(db => db.Tickets);
        await (await client.PostRaw("/api/v1/tickets", json)).Problem(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await Count(db => db.Tickets));
    }

    [Fact]
    public async Task Create_OverlongSubject_400()
    {
        var client = await app.WithToken("write");
        await (await client.PostJson("/api/v1/tickets", NewTicket(subject: new string('가', 251)))).Problem(HttpStatusCode.BadRequest, "subject");
    }

    [Fact]
    public async Task Create_TenMegabyteBody_413AndNothingStored()
    {
        var client = await app.WithToken("write");
        var before = await Count(db => db.Tickets);
        var huge = JsonSerializer.Serialize(new { subject = "big", body = new string('a', 10 * 1024 * 1024), requester = new { email = "big@example.com" } });
        var response = await client.PostRaw("/api/v1/tickets", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await Count(db => db.Tickets));
    }

    [Fact]
    public async Task UnknownIds_404Problem()
    {
        var client = await app.WithToken("read", "write");
        await (await client.GetAsync("/api/v1/tickets/987654321")).Problem(HttpStatusCode.NotFound);
        await (await client.PatchJson("/api/v1/tickets/987654321", new { priority = "high" })).Problem(HttpStatusCode.NotFound);
        await (await client.PostJson("/api/v1/tickets/987654321/messages", new { body = "x" })).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InvalidTransition_409AndUnchanged()
    {
        var client = await app.WithToken("read", "write");
        var id = (await (await client.PostJson("/api/v1/tickets", NewTicket())).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var body = await (await client.PatchJson($"/api/v1/tickets/{id}", new { status = "closed", priority = "urgent" })).Problem(HttpStatusCode.Conflict);
        Assert.Equal("status", body.GetProperty("field").GetString());
        var after = await (await client.GetAsync($"/api/v1/tickets/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal("new", after.GetProperty("status").GetString());
        Assert.Equal("normal", after.GetProperty("priority").GetString());
    }

    [Fact]
    public async Task IdempotencyKey_ReplaysFirstResponse_RejectsOtherBody()
    {
        var client = await app.WithToken("write");
        var key = Guid.NewGuid().ToString();
        var body = NewTicket();
        HttpRequestMessage Request(object b) => new(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = System.Net.Http.Json.JsonContent.Create(b), Headers = { { "Idempotency-Key", key } },
        };
        var first = await (await client.SendAsync(Request(body))).Json(HttpStatusCode.Created);
        var replay = await client.SendAsync(Request(body));
        var second = await replay.Json(HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.SendAsync(Request(NewTicket()))).StatusCode);
    }

    [Fact]
    public async Task MergeSplitFollowBulk_ThroughTheApi()
    {
        var lead = await app.As(Roles.Lead);
        var email = $"m{Guid.NewGuid():N}@example.kr";
        var a = (await (await lead.PostJson("/api/v1/tickets", NewTicket(email))).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var b = (await (await lead.PostJson("/api/v1/tickets", NewTicket(email))).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var merged = await (await lead.PostJson($"/api/v1/tickets/{a}/merge", new { targetId = b })).Json(HttpStatusCode.OK);
        Assert.Equal(b, merged.GetProperty("id").GetInt64());
        var messages = await (await lead.GetAsync($"/api/v1/tickets/{b}/messages")).Json(HttpStatusCode.OK);
        Assert.Equal(2, messages.GetProperty("items").GetArrayLength());
        var mid = messages.GetProperty("items")[0].GetProperty("id").GetInt64();
        var split = await (await lead.PostJson($"/api/v1/tickets/{b}/messages/{mid}/split", new { subject = "분리된 문의" })).Json(HttpStatusCode.Created);
        Assert.Equal("분리된 문의", split.GetProperty("subject").GetString());
        (await lead.PostJson($"/api/v1/tickets/{b}/followers", new { })).EnsureSuccessStatusCode();
        var followed = await (await lead.GetAsync($"/api/v1/tickets/{b}")).Json(HttpStatusCode.OK);
        Assert.Equal(1, followed.GetProperty("followers").GetArrayLength());
        var bulk = await (await lead.PostJson("/api/v1/tickets/bulk", new { ids = new[] { a, b }, changes = new { priority = "low" } })).Json(HttpStatusCode.OK);
        var results = bulk.GetProperty("results").EnumerateArray().ToList();
        Assert.False(results.Single(r => r.GetProperty("id").GetInt64() == a).GetProperty("ok").GetBoolean()); // closed by the merge
        Assert.True(results.Single(r => r.GetProperty("id").GetInt64() == b).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task BulkMerge_ThroughTheApi_ReportsEachTicket()
    {
        var agent = await app.As(Roles.Agent);
        async Task<long> New() => (await (await agent.PostJson("/api/v1/tickets", NewTicket())).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var (target, a, b) = (await New(), await New(), await New());

        var bulk = await (await agent.PostJson("/api/v1/tickets/bulk/merge", new { targetId = target, sourceIds = new[] { a, b, 987654321 } })).Json(HttpStatusCode.OK);

        Assert.Equal([true, true, false], bulk.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ok").GetBoolean()));
        var messages = await (await agent.GetAsync($"/api/v1/tickets/{target}/messages")).Json(HttpStatusCode.OK);
        Assert.Equal(3, messages.GetProperty("items").GetArrayLength());
        await (await agent.PostJson("/api/v1/tickets/bulk/merge", new { targetId = target })).Problem(HttpStatusCode.BadRequest, "sourceIds");
        await (await agent.PostJson("/api/v1/tickets/bulk/merge", new { targetId = a, sourceIds = new[] { b } })).Problem(HttpStatusCode.Conflict);
    }
}
