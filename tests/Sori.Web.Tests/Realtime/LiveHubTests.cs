using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tokens;
using Sori.Web.Realtime;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Realtime;

public sealed class LiveHubTests_Sqlite(SqliteWebApp app) : LiveHubTests(app), IClassFixture<SqliteWebApp>;
public sealed class LiveHubTests_Postgres(PostgresWebApp app) : LiveHubTests(app), IClassFixture<PostgresWebApp>;

/// <summary>/hubs/live against the real host: who may connect, what a change pushes, presence and typing.</summary>
public abstract class LiveHubTests(SoriWebApp app)
{
    private async Task<long> CreateTicket(string subject = "배송 문의")
    {
        var agent = await app.As(Roles.Agent);
        var ticket = await (await agent.PostJson("/api/v1/tickets", new
        {
            subject, body = "언제 도착하나요?", requester = new { name = "정하늘", email = $"c{Guid.NewGuid():N}@example.kr" },
        })).Json(HttpStatusCode.Created);
        return ticket.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Negotiate_Anonymous_Is401()
    {
        var response = await app.Anonymous().PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Negotiate_TokenWithoutReadScope_IsRefused()
    {
        // Every scope includes read today; a revoked or unknown token is the caller who must be kept out.
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "sori_nope_notatoken");
        var response = await client.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TicketCreatedThroughApi_ReachesAWatchingClient_WithoutTicketContent()
    {
        await using var hub = await HubClient.WithToken(app, await app.IssueToken("read"));
        await hub.Connection.InvokeAsync("WatchTickets");

        var id = await CreateTicket("비밀스러운 제목 7f3a");

        var change = await hub.WaitForChange(id, "ticket.created");
        Assert.True(change.GetProperty("number").GetInt64() > 0);
        Assert.Equal(["authorKind", "eventId", "number", "occurredAt", "ticketId", "type"],
            change.EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.DoesNotContain("7f3a", change.GetRawText());
        // The first message of a new ticket comes as its own change.
        var message = await hub.WaitForChange(id, "message.created");
        Assert.Equal("customer", message.GetProperty("authorKind").GetString());
    }

    [Fact]
    public async Task WatchTicket_GetsThatTicketsChangesOnly()
    {
        var id = await CreateTicket();
        await using var hub = await HubClient.WithToken(app, await app.IssueToken("read"));
        await hub.Connection.InvokeAsync<List<Sori.Web.Realtime.Viewer>>("WatchTicket", id);

        var other = await CreateTicket();
        var agent = await app.As(Roles.Agent);
        await (await agent.PostJson($"/api/v1/tickets/{id}/messages", new { body = "고객님, 내일 도착합니다." })).Json(HttpStatusCode.Created);
        await (await agent.PostJson($"/api/v1/tickets/{id}/messages", new { body = "감사합니다!", author = "customer" })).Json(HttpStatusCode.Created);
        await (await agent.PatchJson($"/api/v1/tickets/{id}", new { priority = "high" })).Json(HttpStatusCode.OK);

        var reply = await hub.WaitForChange(c => c.GetProperty("type").GetString() == "message.created" && c.GetProperty("authorKind").GetString() == "agent", "the agent's reply");
        Assert.Equal(id, reply.GetProperty("ticketId").GetInt64());
        await hub.WaitForChange(c => c.GetProperty("type").GetString() == "message.created" && c.GetProperty("authorKind").GetString() == "customer", "the customer's message");
        await hub.WaitForChange(id, "ticket.updated");
        Assert.DoesNotContain(hub.Changes, c => c.GetProperty("ticketId").GetInt64() == other);
    }

    [Fact]
    public async Task WatchTicket_UnknownOrInvalidTicket_IsRefused()
    {
        await using var hub = await HubClient.WithToken(app, await app.IssueToken("read"));
        var unknown = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync("WatchTicket", 987654321L));
        Assert.Contains("not found", unknown.Message);
        await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync("WatchTicket", -1L));
        // The connection survives a refused call.
        await hub.Connection.InvokeAsync("WatchTickets");
    }

    [Fact]
    public async Task Typing_ByATokenOrOnAnUnwatchedTicket_IsRefused()
    {
        var id = await CreateTicket();
        await using var token = await HubClient.WithToken(app, await app.IssueToken("read"));
        await Assert.ThrowsAsync<HubException>(() => token.Connection.InvokeAsync("Typing", id, true));
        await token.Connection.InvokeAsync<List<Sori.Web.Realtime.Viewer>>("WatchTicket", id);
        var notAgent = await Assert.ThrowsAsync<HubException>(() => token.Connection.InvokeAsync("Typing", id, true));
        Assert.Contains("agents", notAgent.Message);
    }

    [Fact]
    public async Task Presence_TwoAgentsOnATicket_SeeEachOtherAndTyping_UntilOneLeaves()
    {
        var id = await CreateTicket();
        var (minjiId, minji) = await app.CreateAgent(Roles.Agent, "박민지");
        var (jihoonId, jihoon) = await app.CreateAgent(Roles.Agent, "최지훈");
        await using var a = await HubClient.AsAgent(app, minji);
        var b = await HubClient.AsAgent(app, jihoon);

        var first = await a.Connection.InvokeAsync<List<Sori.Web.Realtime.Viewer>>("WatchTicket", id);
        Assert.Equal([minjiId], first.Select(v => v.AgentId));
        var both = await b.Connection.InvokeAsync<List<Sori.Web.Realtime.Viewer>>("WatchTicket", id);
        Assert.Equal(["박민지", "최지훈"], both.Select(v => v.Name));
        await a.WaitForPresence(id, v => v.Any(x => x.AgentId == jihoonId && !x.Typing), "최지훈 viewing");

        await b.Connection.InvokeAsync("Typing", id, true);
        await a.WaitForPresence(id, v => v.Any(x => x.AgentId == jihoonId && x.Typing), "최지훈 typing");
        await b.Connection.InvokeAsync("Typing", id, false);
        await a.WaitForPresence(id, v => v.Any(x => x.AgentId == jihoonId && !x.Typing), "최지훈 no longer typing");

        await b.DisposeAsync(); // the connection closes: its viewer goes
        await a.WaitForPresence(id, v => v.Count == 1 && v[0].AgentId == minjiId, "only 박민지 left");
    }

    private static TaskCompletionSource ClosedSignal(HubClient client)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        return closed;
    }

    private async Task<(long Id, string Plain)> Token(DateTime? expiresAt = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (token, plain) = await scope.ServiceProvider.GetRequiredService<ApiTokens>()
            .Issue(new IssueApiTokenRequest("live", ["read"], expiresAt), Actor.System, default);
        return (token.Id, plain);
    }

    private static async Task<string> Cookie(SoriWebApp app, string email)
    {
        using var http = new HttpClient(app.CreateHandler()) { BaseAddress = app.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = SoriWebApp.Password });
        login.EnsureSuccessStatusCode();
        return login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("sori.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeactivatedAgent_LosesTheConnectionWithinSeconds_AndCannotReconnect()
    {
        var id = await CreateTicket();
        var (agentId, email) = await app.CreateAgent(Roles.Agent, "퇴사자");
        var (_, watcherEmail) = await app.CreateAgent(Roles.Agent, "남는 사람");
        var cookie = await Cookie(app, email);
        await using var leaving = await HubClient.ConnectAsync(app, o => o.Headers["Cookie"] = cookie);
        await using var staying = await HubClient.AsAgent(app, watcherEmail);
        var closed = ClosedSignal(leaving);
        await leaving.Connection.InvokeAsync<List<Viewer>>("WatchTicket", id);
        await staying.Connection.InvokeAsync<List<Viewer>>("WatchTicket", id);

        var admin = await app.As(Roles.Admin);
        await (await admin.PatchJson($"/api/v1/agents/{agentId}", new { isActive = false })).Json(HttpStatusCode.OK);

        // No periodic round runs in these tests: the revocation itself closes the connection.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HubConnectionState.Disconnected, leaving.Connection.State);
        await staying.WaitForPresence(id, v => v.All(x => x.AgentId != agentId), "the deactivated agent gone");
        Assert.Equal(HubConnectionState.Connected, staying.Connection.State);
        // The cookie from before is refused at once, for a new connection and for the API alike.
        await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.ConnectAsync(app, o => o.Headers["Cookie"] = cookie));
        using var api = app.Anonymous();
        api.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task NewPassword_ClosesTheAgentsOtherConnections_TheNewCookieStillConnects()
    {
        var (_, email) = await app.CreateAgent(Roles.Agent, "비밀번호 변경");
        await using var other = await HubClient.AsAgent(app, email);
        var closed = ClosedSignal(other);

        using var http = new HttpClient(app.CreateHandler()) { BaseAddress = app.BaseAddress };
        var cookie = await Cookie(app, email);
        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/password")
        {
            Content = JsonContent.Create(new { currentPassword = SoriWebApp.Password, newPassword = "another-long-passphrase", confirmPassword = "another-long-passphrase" }),
        };
        change.Headers.Add("Cookie", cookie);
        var changed = await http.SendAsync(change);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        // The browser that changed it got a renewed cookie and carries on.
        var renewed = changed.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("sori.auth=", StringComparison.Ordinal));
        await using var again = await HubClient.ConnectAsync(app, o => o.Headers["Cookie"] = renewed);
        await again.Connection.InvokeAsync("WatchTickets");
    }

    [Fact]
    public async Task RevokedToken_LosesTheConnectionWithinSeconds_AndCannotReconnect()
    {
        var (tokenId, plain) = await Token();
        await using var hub = await HubClient.WithToken(app, plain);
        await using var bystander = await HubClient.WithToken(app, (await Token()).Plain);
        var closed = ClosedSignal(hub);
        await hub.Connection.InvokeAsync("WatchTickets");

        var admin = await app.As(Roles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/tokens/{tokenId}")).StatusCode);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.WithToken(app, plain));
        await bystander.Connection.InvokeAsync("WatchTickets");
    }

    [Fact]
    public async Task ExpiredToken_OrOneRevokedBehindSorisBack_IsClosedByTheNextRound()
    {
        var sessions = app.Services.GetRequiredService<LiveSessions>();
        var expiring = await Token(DateTime.UtcNow.AddSeconds(2));
        var (quietId, quiet) = await Token();
        await using var a = await HubClient.WithToken(app, expiring.Plain);
        await using var b = await HubClient.WithToken(app, quiet);
        var (closedA, closedB) = (ClosedSignal(a), ClosedSignal(b));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SoriDbContext>().ApiTokens.Where(t => t.Id == quietId)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, DateTime.UtcNow));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        // Nothing announces these two; a round does (or one that another test's revocation started, if it came first).
        await sessions.CheckAsync(default);
        await Task.WhenAll(closedA.Task, closedB.Task).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Unwatch_RemovesTheViewer_AndStopsPushes()
    {
        var id = await CreateTicket();
        var (_, minji) = await app.CreateAgent(Roles.Agent, "한소희");
        var (jiwooId, jiwoo) = await app.CreateAgent(Roles.Agent, "오지우");
        await using var a = await HubClient.AsAgent(app, minji);
        await using var b = await HubClient.AsAgent(app, jiwoo);
        await a.Connection.InvokeAsync<List<Sori.Web.Realtime.Viewer>>("WatchTicket", id);
        await b.Connection.InvokeAsync<List<Sori.Web.Realtime.Viewer>>("WatchTicket", id);
        await a.WaitForPresence(id, v => v.Any(x => x.AgentId == jiwooId), "오지우 viewing");

        await b.Connection.InvokeAsync("UnwatchTicket", id);
        await a.WaitForPresence(id, v => v.All(x => x.AgentId != jiwooId), "오지우 gone");
        var agent = await app.As(Roles.Agent);
        await (await agent.PostJson($"/api/v1/tickets/{id}/messages", new { body = "메모", visibility = "internal" })).Json(HttpStatusCode.Created);
        await a.WaitForChange(id, "note.created");
        Assert.DoesNotContain(b.Changes, c => c.GetProperty("type").GetString() == "note.created");
    }
}
