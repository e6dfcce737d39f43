using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Data;
using Sori.Core.Webhooks;
using Sori.Infrastructure.Database;
using Sori.Infrastructure.Outbox;
using Sori.Integration.Tests.Support;
using Sori.Testing;

namespace Sori.Integration.Tests.Webhooks;

public sealed class OutboxProcessorTests_Sqlite(SqliteDatabase db) : OutboxProcessorTests(db), IClassFixture<SqliteDatabase>;
public sealed class OutboxProcessorTests_Postgres(PostgresDatabase db) : OutboxProcessorTests(db), IClassFixture<PostgresDatabase>;

public abstract class OutboxProcessorTests(TestDatabase database) : OutboxTestBase(database)
{
    [Fact]
    public async Task CreateTicket_Committed_WritesOutboxRowsWithPayload()
    {
        var ticket = await CreateTicket();

        var rows = await Db(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(new[] { "ticket.created", "message.created" }, rows.Select(r => r.Type));
        Assert.All(rows, r => Assert.Null(r.ProcessedAt));
        Assert.All(rows, r => Assert.Equal(Now, r.AvailableAt));
        var created = JsonDocument.Parse(rows[0].Payload).RootElement;
        Assert.Equal(ticket.Id, created.GetProperty("ticketId").GetInt64());
        Assert.Equal("배송 문의", created.GetProperty("subject").GetString());
        Assert.Equal(2, rows.Select(r => r.EventId).Distinct().Count());
    }

    [Fact]
    public async Task RunOnce_RunTwice_FansOutEachEventExactlyOnce()
    {
        var all = await Subscribe("all", "*");
        var createdOnly = await Subscribe("created", "ticket.created");
        var paused = await Subscribe("paused", "*");
        await Run(sp => sp.GetRequiredService<UpdateWebhookSubscription>().Handle(paused.Id, new UpdateWebhookSubscriptionRequest(IsActive: false), default));
        await CreateTicket();

        var first = await Pass();
        var second = await Pass();
        Clock.Advance(TimeSpan.FromHours(1));
        var third = await Pass();

        Assert.Equal((2, 2, 0), (first.Claimed, first.Processed, first.Failed));
        Assert.Equal(0, second.Claimed + third.Claimed);
        var deliveries = await Db(db => db.WebhookDeliveries.AsNoTracking().ToListAsync());
        Assert.Equal(2, deliveries.Count(d => d.SubscriptionId == all.Id));
        Assert.Equal("ticket.created", Assert.Single(deliveries, d => d.SubscriptionId == createdOnly.Id).EventType);
        Assert.DoesNotContain(deliveries, d => d.SubscriptionId == paused.Id);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Pending, d.Status));
        var outbox = await Db(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.All(outbox, m => Assert.Equal((Now.AddHours(-1), (string?)null, (DateTime?)null), (m.ProcessedAt!.Value, m.LockedBy, m.LockedUntil)));
        Assert.Equal(2, Handler.Handled.Count);
    }

    [Fact]
    public async Task FanOut_SameEventHandledTwice_AddsNoSecondDelivery()
    {
        await Subscribe("all", "*");
        var message = (await AddMessages(1, "ticket.solved"))[0];

        await Run(sp => Handle(sp, message));
        await Run(sp => Handle(sp, message));

        var deliveries = await Db(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.EventId == message.EventId).ToListAsync());
        var body = JsonDocument.Parse(Assert.Single(deliveries).Payload).RootElement;
        Assert.Equal(message.EventId, body.GetProperty("id").GetGuid());
        Assert.Equal("ticket.solved", body.GetProperty("type").GetString());
        Assert.Equal(Now, body.GetProperty("occurredAt").GetDateTime().ToUniversalTime());
        Assert.Equal(1, body.GetProperty("data").GetProperty("ticketId").GetInt32());
    }

    [Fact]
    public async Task FanOut_LooksUpEarlierDeliveriesThroughTheUniqueIndex_NotEveryDelivery()
    {
        await Subscribe("plan-a", "*");
        await Subscribe("plan-b", "ticket.solved");
        foreach (var m in await AddMessages(300, "ticket.solved")) await Run(sp => Handle(sp, m));
        var message = (await AddMessages(1, "ticket.solved"))[0];

        using var sent = await StatementRecorder.StartAsync();
        await Run(async sp =>
        {
            var db = sp.GetRequiredService<SoriDbContext>();
            await Handle(sp, message);
            var lookup = Assert.Single(sent.Of(db), s => s.Sql.Contains("FROM \"WebhookDeliveries\"", StringComparison.Ordinal));
            if (Provider == DatabaseProvider.Sqlite)
            {
                var plan = await QueryPlans.Sqlite(db, lookup);
                Assert.Empty(QueryPlans.SqliteTableScans(plan));
                Assert.Contains(plan, l => l.Contains("IX_WebhookDeliveries_SubscriptionId_EventId (SubscriptionId=? AND EventId=?)", StringComparison.Ordinal));
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE \"WebhookDeliveries\"");
                var plan = await QueryPlans.PostgresGeneric(db, lookup);
                Assert.DoesNotContain("Seq Scan", plan);
                Assert.DoesNotContain("Rows Removed by Filter", plan);
            }
            return 0;
        });
        Assert.Equal(2, await Db(db => db.WebhookDeliveries.CountAsync(d => d.EventId == message.EventId)));
    }

    private static async Task<int> Handle(IServiceProvider sp, Core.Outbox.OutboxMessage m)
    {
        await sp.GetServices<Core.Outbox.IOutboxHandler>().OfType<CreateWebhookDeliveriesForEvent>().Single().HandleAsync(m, default);
        return 0;
    }

    [Fact]
    public async Task RunOnce_TwoNodesAtOnce_EachMessageHandledOnce()
    {
        var sub = await Subscribe("all", "*");
        var messages = await AddMessages(60);

        // Both nodes keep claiming until the outbox is empty, racing for every batch.
        async Task Drain(string node) { while ((await Pass(node)).Claimed > 0) { } }
        await Task.WhenAll(Task.Run(() => Drain("node-a")), Task.Run(() => Drain("node-b")));

        Assert.Equal(messages.Select(m => m.EventId).Order(), Handler.Handled.Order());
        var deliveries = await Db(db => db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == sub.Id));
        Assert.Equal(60, deliveries);
        Assert.Equal(0, await Db(db => db.OutboxMessages.CountAsync(m => m.ProcessedAt == null)));
    }

    [Fact]
    public async Task Claim_TwoNodesRaceForTheSameRows_GetDisjointSets()
    {
        await AddMessages(40);
        var options = new OutboxOptions { BatchSize = 40, LeaseDuration = TimeSpan.FromMinutes(1), MaxAttempts = 5 };

        async Task<List<long>> Claim(string node, Barrier start) => await Db(async db =>
        {
            await db.Database.OpenConnectionAsync();
            start.SignalAndWait();
            return (await OutboxLease.ClaimAsync(db, node, options, Now, default)).Select(m => m.Id).ToList();
        });
        using var barrier = new Barrier(2);
        var claims = await Task.WhenAll(Task.Run(() => Claim("node-a", barrier)), Task.Run(() => Claim("node-b", barrier)));

        Assert.Empty(claims[0].Intersect(claims[1]));
        Assert.Equal(40, claims[0].Count + claims[1].Count);
        var owners = await Db(db => db.OutboxMessages.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.LockedBy));
        Assert.All(claims[0], id => Assert.Equal("node-a", owners[id]));
        Assert.All(claims[1], id => Assert.Equal("node-b", owners[id]));
    }

    [Fact]
    public async Task Claim_BothNodesProposedTheSameRows_OnlyTheFirstUpdateWins()
    {
        await AddMessages(5);
        var proposedToA = await Db(db => OutboxLease.CandidatesAsync(db, Options, Now, default));
        var proposedToB = await Db(db => OutboxLease.CandidatesAsync(db, Options, Now, default));

        var b = await Db(db => OutboxLease.ClaimAsync(db, proposedToB, "node-b", Options, Now, default));
        var a = await Db(db => OutboxLease.ClaimAsync(db, proposedToA, "node-a", Options, Now, default));

        Assert.Equal(5, b.Count);
        Assert.Empty(a);
        Clock.Advance(Options.LeaseDuration + TimeSpan.FromSeconds(1));
        var afterExpiry = await Db(db => OutboxLease.ClaimAsync(db, proposedToA, "node-a", Options, Now, default));
        Assert.Equal(proposedToA, afterExpiry.Select(m => m.Id));
        Assert.All(afterExpiry, m => Assert.Equal(2, m.Attempts));
    }

    [Fact]
    public async Task RunOnce_FullBatch_CompletesTogether_EachHandledOnce()
    {
        var rows = await AddMessages(10);
        Assert.Equal(new OutboxPass(10, 10, 0), await Pass());
        Assert.Equal(rows.Select(r => r.EventId).Order(), Handler.Handled.Order());
        Assert.Equal(0, await Db(db => db.OutboxMessages.CountAsync(m => m.ProcessedAt == null)));
    }

    [Fact]
    public async Task RunOnce_OneMessageOfABatchFails_TheOthersAreProcessed_AndOnlyItIsRetried()
    {
        var rows = await AddMessages(5);
        Handler.FailPayload = rows[2].Payload;
        Assert.Equal(new OutboxPass(5, 4, 1), await Pass());
        var failed = await Row(rows[2].Id);
        Assert.Equal((1, (DateTime?)null), (failed.Attempts, failed.ProcessedAt));
        Assert.Contains("is down", failed.LastError);
        Assert.Equal(4, await Db(db => db.OutboxMessages.CountAsync(m => m.ProcessedAt != null)));
        // The batch ran together first and rolled back, so the others were handled again one by one:
        // handlers must tolerate a second run (the webhook fan-out does).
        Assert.All(rows.Where((_, i) => i != 2), r => Assert.Contains(r.EventId, Handler.Handled));

        Handler.FailPayload = null;
        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(new OutboxPass(1, 1, 0), await Pass());
    }

    [Fact]
    public async Task RunOnce_HandlerFails_BacksOffExponentiallyUpToTheCapThenLeavesIt()
    {
        var message = (await AddMessages(1))[0];
        Handler.Fail = true;
        var start = Now;

        Assert.Equal(1, (await Pass()).Failed);
        var row = await Row(message.Id);
        Assert.Equal((1, start.AddSeconds(10), (string?)null), (row.Attempts, row.AvailableAt, row.LockedBy));
        Assert.Contains("receiver of ticket.updated is down", row.LastError);

        Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, (await Pass()).Claimed); // not due yet
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await Pass()).Failed);
        Assert.Equal(Now.AddSeconds(20), (await Row(message.Id)).AvailableAt);

        Clock.Advance(TimeSpan.FromSeconds(20));
        await Pass();
        Assert.Equal(Now.AddSeconds(25), (await Row(message.Id)).AvailableAt); // 40 s capped at 25 s

        Clock.Advance(TimeSpan.FromSeconds(25));
        await Pass();
        Clock.Advance(TimeSpan.FromDays(1));
        Handler.Fail = false;
        Assert.Equal(0, (await Pass()).Claimed); // four attempts used up
        row = await Row(message.Id);
        Assert.Equal((4, (DateTime?)null), (row.Attempts, row.ProcessedAt));
        Assert.Empty(Handler.Handled);
    }

    [Fact]
    public async Task RunOnce_NodeDiesHoldingALease_AnotherNodeTakesOverAfterItAndTheStaleNodeIsFenced()
    {
        var message = (await AddMessages(1))[0];
        Assert.Single(await Db(db => OutboxLease.ClaimAsync(db, "node-dead", Options, Now, default)));

        Assert.Equal(0, (await Pass("node-b")).Claimed);
        Clock.Advance(Options.LeaseDuration + TimeSpan.FromSeconds(1));
        Assert.Single(await Db(db => OutboxLease.ClaimAsync(db, "node-b", Options, Now, default)));

        Assert.False(await Db(db => OutboxLease.CompleteAsync(db, message.Id, "node-dead", Now, default)));
        Assert.True(await Db(db => OutboxLease.CompleteAsync(db, message.Id, "node-b", Now, default)));
        var row = await Row(message.Id);
        Assert.Equal((2, (string?)null, (DateTime?)Now), (row.Attempts, row.LockedBy, row.ProcessedAt));
    }

    private Task<Core.Outbox.OutboxMessage> Row(long id) => Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
}
