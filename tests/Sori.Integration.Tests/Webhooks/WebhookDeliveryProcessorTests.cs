using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Webhooks;
using Sori.Infrastructure.Webhooks;
using Sori.Testing;

namespace Sori.Integration.Tests.Webhooks;

public sealed class WebhookDeliveryProcessorTests_Sqlite(SqliteDatabase db) : WebhookDeliveryProcessorTests(db), IClassFixture<SqliteDatabase>;
public sealed class WebhookDeliveryProcessorTests_Postgres(PostgresDatabase db) : WebhookDeliveryProcessorTests(db), IClassFixture<PostgresDatabase>;

public abstract class WebhookDeliveryProcessorTests(TestDatabase database) : OutboxTestBase(database)
{
    private readonly FakeReceiver _receiver = new();
    private readonly WebhookOptions _webhooks = new()
    {
        BatchSize = 20, Concurrency = 4, MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromSeconds(30), RetryMaxDelay = TimeSpan.FromHours(1),
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(_webhooks));
        services.AddSingleton<WebhookDeliveryProcessor>();
        services.AddTransient(sp => new WebhookSender(new HttpClient(_receiver, disposeHandler: false), Clock));
    }

    private Task<int> Send(string node = "node-a") => Services.GetRequiredService<WebhookDeliveryProcessor>().RunOnceAsync(node, default);

    private Task<WebhookDelivery> Delivery(long id) => Db(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id));

    /// <summary>A ticket event fanned out to the subscription, as the outbox worker does.</summary>
    private async Task<WebhookDelivery> Queue(WebhookSubscription sub)
    {
        await CreateTicket();
        await Pass();
        return await Db(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.SubscriptionId == sub.Id && d.EventType == "ticket.created"));
    }

    [Fact]
    public async Task RunOnce_Receiver2xx_PostsSignedEnvelopeAndMarksSucceeded()
    {
        var sub = await Subscribe("crm", "ticket.created");
        var delivery = await Queue(sub);

        Assert.Equal(1, await Send());

        var seen = Assert.Single(_receiver.Requests);
        Assert.Equal(sub.Url, seen.Url);
        Assert.Equal(delivery.Payload, seen.Body);
        Assert.Equal("ticket.created", seen.Headers["X-Sori-Event"]);
        Assert.Equal(delivery.EventId.ToString(), seen.Headers["X-Sori-Event-Id"]);
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), seen.Headers["X-Sori-Timestamp"]);
        Assert.StartsWith("application/json", seen.Headers["Content-Type"]);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(sub.Secret), Encoding.UTF8.GetBytes(seen.Headers["X-Sori-Timestamp"] + "." + seen.Body));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(mac), seen.Headers["X-Sori-Signature"]);
        var row = await Delivery(delivery.Id);
        Assert.Equal((DeliveryStatus.Succeeded, 1, 200, Now, (string?)null), (row.Status, row.Attempts, row.ResponseStatus, row.DeliveredAt!.Value, row.LockedBy));
        Assert.Equal(0, await Send());
    }

    [Fact]
    public async Task RunOnce_ReceiverKeepsFailing_RetriesWithJitteredBackoffThenFails()
    {
        var delivery = await Queue(await Subscribe("crm", "ticket.created"));
        _receiver.Otherwise = HttpStatusCode.ServiceUnavailable;

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(1, await Send());
            var row = await Delivery(delivery.Id);
            var full = TimeSpan.FromSeconds(30 * (1 << (attempt - 1)));
            Assert.Equal((DeliveryStatus.Pending, attempt, 503), (row.Status, row.Attempts, row.ResponseStatus));
            Assert.InRange(row.NextAttemptAt, Now + full * 0.75 - TimeSpan.FromMilliseconds(1), Now + full);
            Assert.Equal(0, await Send()); // not due before its time
            Clock.Advance(row.NextAttemptAt - Now);
        }
        Assert.Equal(1, await Send());

        var last = await Delivery(delivery.Id);
        Assert.Equal((DeliveryStatus.Failed, 3, 503), (last.Status, last.Attempts, last.ResponseStatus));
        Assert.Equal("HTTP 503 Service Unavailable: boom stack trace", last.LastError);
        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await Send());
        Assert.Equal(3, _receiver.Requests.Count);
    }

    [Fact]
    public async Task RunOnce_ReceiverUnreachable_RecordsTheErrorWithoutStatus()
    {
        var delivery = await Queue(await Subscribe("crm", "ticket.created"));
        _receiver.Refuse = true;

        Assert.Equal(1, await Send());

        var row = await Delivery(delivery.Id);
        Assert.Equal((DeliveryStatus.Pending, 1, (int?)null), (row.Status, row.Attempts, row.ResponseStatus));
        Assert.Equal("Connection refused (hooks.example.com:443)", row.LastError);
    }

    [Fact]
    public async Task RunOnce_SubscriptionPaused_HoldsDeliveriesUntilResumed()
    {
        var sub = await Subscribe("crm", "ticket.created");
        var delivery = await Queue(sub);
        await Run(sp => sp.GetRequiredService<UpdateWebhookSubscription>().Handle(sub.Id, new UpdateWebhookSubscriptionRequest(IsActive: false), default));

        Assert.Equal(0, await Send());
        await Run(sp => sp.GetRequiredService<UpdateWebhookSubscription>().Handle(sub.Id, new UpdateWebhookSubscriptionRequest(IsActive: true), default));
        Assert.Equal(1, await Send());

        Assert.Equal(DeliveryStatus.Succeeded, (await Delivery(delivery.Id)).Status);
    }

    [Fact]
    public async Task RunOnce_TwoNodesAtOnce_SendEachDeliveryOnce()
    {
        await Subscribe("a", "*");
        await Subscribe("b", "*");
        await AddMessages(15);
        while ((await Pass()).Claimed > 0) { }

        async Task Drain(string node) { while (await Send(node) > 0) { } }
        await Task.WhenAll(Task.Run(() => Drain("node-a")), Task.Run(() => Drain("node-b")));

        var requests = _receiver.Requests;
        Assert.Equal(30, requests.Count);
        Assert.Equal(30, requests.Select(r => r.DeliveryId).Distinct().Count());
        Assert.Equal(30, await Db(db => db.WebhookDeliveries.CountAsync(d => d.Status == DeliveryStatus.Succeeded && d.Attempts == 1)));
    }

    [Fact]
    public async Task Claim_BothNodesProposedTheSameDeliveries_OnlyTheFirstUpdateWins()
    {
        await Subscribe("crm", "*");
        await AddMessages(4);
        await Pass();
        var proposedToA = await Db(db => WebhookDeliveryLease.CandidatesAsync(db, 10, Now, default));
        var proposedToB = await Db(db => WebhookDeliveryLease.CandidatesAsync(db, 10, Now, default));

        var b = await Db(db => WebhookDeliveryLease.ClaimAsync(db, proposedToB, "node-b", TimeSpan.FromMinutes(1), Now, default));
        var a = await Db(db => WebhookDeliveryLease.ClaimAsync(db, proposedToA, "node-a", TimeSpan.FromMinutes(1), Now, default));

        Assert.Equal(4, b.Count);
        Assert.Empty(a);
        Assert.Equal(0, await Db(db => WebhookDeliveryLease.SucceedAsync(db, b[0].Id, "node-a", 200, Now, default)));
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(4, (await Db(db => WebhookDeliveryLease.ClaimAsync(db, proposedToA, "node-a", TimeSpan.FromMinutes(1), Now, default))).Count);
    }

    [Fact]
    public async Task Redeliver_FailedDelivery_SendsTheSameEventAgainWithAFreshBudget()
    {
        var sub = await Subscribe("crm", "ticket.created");
        var delivery = await Queue(sub);
        _receiver.Answer(HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.NotFound);
        for (var i = 0; i < 3; i++) { await Send(); Clock.Advance(TimeSpan.FromHours(1)); }
        Assert.Equal(DeliveryStatus.Failed, (await Delivery(delivery.Id)).Status);

        var requeued = await Run(sp => sp.GetRequiredService<RedeliverWebhook>().Handle(sub.Id, delivery.Id, default));
        Assert.Equal((DeliveryStatus.Pending, 0, Now), (requeued.Status, requeued.Attempts, requeued.NextAttemptAt));
        Assert.Equal(1, await Send());

        var row = await Delivery(delivery.Id);
        Assert.Equal((DeliveryStatus.Succeeded, 1, 200), (row.Status, row.Attempts, row.ResponseStatus));
        Assert.Single(_receiver.Requests.Select(r => r.Headers["X-Sori-Event-Id"]).Distinct());
        Assert.Equal(4, _receiver.Requests.Count);
    }
}
