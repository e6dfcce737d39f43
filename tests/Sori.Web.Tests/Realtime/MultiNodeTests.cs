using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Tokens;
using Sori.Web.Realtime;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Realtime;

public sealed class MultiNodeTests_Sqlite(TwoSqliteNodes nodes) : MultiNodeTests(nodes), IClassFixture<TwoSqliteNodes>;
public sealed class MultiNodeTests_Postgres(TwoPostgresNodes nodes) : MultiNodeTests(nodes), IClassFixture<TwoPostgresNodes>;

/// <summary>A change made through node A reaches a client of node B over Redis; presence crosses too.</summary>
public abstract class MultiNodeTests(TwoNodes nodes)
{
    private async Task<long> CreateTicketOnA()
    {
        var agent = await nodes.A.As(Roles.Agent);
        var ticket = await (await agent.PostJson("/api/v1/tickets", new
        {
            subject = "교환 요청", body = "사이즈를 바꾸고 싶어요", requester = new { name = "윤가을", email = $"c{Guid.NewGuid():N}@example.kr" },
        })).Json(HttpStatusCode.Created);
        return ticket.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task ChangesThroughNodeA_ReachAHubClientOfNodeB_Promptly()
    {
        await using var onB = await HubClient.WithToken(nodes.B, await nodes.B.IssueToken("read"));
        await onB.Connection.InvokeAsync("WatchTickets");
        await using var onA = await HubClient.WithToken(nodes.A, await nodes.A.IssueToken("read"));
        await onA.Connection.InvokeAsync("WatchTickets");

        var clock = Stopwatch.StartNew();
        var id = await CreateTicketOnA();
        await onB.WaitForChange(id, "ticket.created");
        // Node A runs no outbox worker and B polls once a minute: only the wake-up over Redis explains this.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        // B's worker pushed it; node A's own client hears it back over Redis.
        await onA.WaitForChange(id, "ticket.created");

        var agent = await nodes.A.As(Roles.Agent);
        await (await agent.PostJson($"/api/v1/tickets/{id}/messages", new { body = "교환해 드리겠습니다.", status = "pending" })).Json(HttpStatusCode.Created);
        await onB.WaitForChange(id, "message.created");
        await onB.WaitForChange(c => c.GetProperty("ticketId").GetInt64() == id && c.GetProperty("type").GetString()!.StartsWith("ticket.status"), "status change");
    }

    [Fact]
    public async Task RevocationThroughNodeA_ClosesConnectionsOnBothNodes_Promptly()
    {
        string plain;
        long tokenId;
        await using (var scope = nodes.A.Services.CreateAsyncScope())
        {
            var (token, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokens>()
                .Issue(new IssueApiTokenRequest("two nodes", ["read"]), Actor.System, default);
            (tokenId, plain) = (token.Id, secret);
        }
        var (agentId, email) = await nodes.A.CreateAgent(Roles.Agent, "양쪽 노드");
        await using var tokenOnA = await HubClient.WithToken(nodes.A, plain);
        await using var tokenOnB = await HubClient.WithToken(nodes.B, plain);
        await using var agentOnB = await HubClient.AsAgent(nodes.B, email);
        var closed = new[] { tokenOnA, tokenOnB, agentOnB }.Select(c =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            c.Connection.Closed += _ => { done.TrySetResult(); return Task.CompletedTask; };
            return done.Task;
        }).ToArray();

        // Node A runs no outbox worker and the periodic round is an hour away: only the events
        // (handled by node B's worker, then passed on over Redis) can close these.
        var clock = Stopwatch.StartNew();
        var admin = await nodes.A.As(Roles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/tokens/{tokenId}")).StatusCode);
        await (await admin.PatchJson($"/api/v1/agents/{agentId}", new { isActive = false })).Json(HttpStatusCode.OK);

        await Task.WhenAll(closed).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.WithToken(nodes.B, plain));
    }

    [Fact]
    public async Task Presence_CrossesNodes_AndLeavesWithTheConnection()
    {
        var id = await CreateTicketOnA();
        var (onAId, onAEmail) = await nodes.A.CreateAgent(Roles.Agent, "노드에이");
        var (onBId, onBEmail) = await nodes.A.CreateAgent(Roles.Agent, "노드비");
        var a = await HubClient.AsAgent(nodes.A, onAEmail);
        await using var b = await HubClient.AsAgent(nodes.B, onBEmail);

        await a.Connection.InvokeAsync<List<Viewer>>("WatchTicket", id);
        var seen = await b.Connection.InvokeAsync<List<Viewer>>("WatchTicket", id);
        // B asked the other nodes when it joined; A's viewer arrives right after, if not already in the answer.
        await b.WaitForPresence(id, v => v.Any(x => x.AgentId == onAId), "the agent on node A");
        await a.WaitForPresence(id, v => v.Any(x => x.AgentId == onBId), "the agent on node B");

        await a.Connection.InvokeAsync("Typing", id, true);
        await b.WaitForPresence(id, v => v.Any(x => x.AgentId == onAId && x.Typing), "typing on node A");

        await a.DisposeAsync();
        await b.WaitForPresence(id, v => v.All(x => x.AgentId != onAId), "node A's agent gone");
        Assert.NotNull(seen);
    }
}
