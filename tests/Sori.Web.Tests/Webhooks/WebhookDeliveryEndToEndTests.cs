using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Sori.Core.Common;
using Sori.Core.Webhooks;
using Sori.Testing;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Webhooks;

/// <summary>The host with its workers on and retries in fractions of a second, so a retry fits in a test.</summary>
public abstract class FastWebhooksApp(TestDatabase database) : SoriWebApp(database)
{
    protected override void ConfigureHost(IWebHostBuilder b)
    {
        b.UseSetting("Sori:Workers:Enabled", "true");
        b.UseSetting("Sori:Outbox:PollInterval", "00:00:01");
        b.UseSetting("Sori:Webhooks:PollInterval", "00:00:01");
        b.UseSetting("Sori:Webhooks:RetryBaseDelay", "00:00:00.200");
        b.UseSetting("Sori:Webhooks:Timeout", "00:00:05");
        b.UseSetting("Sori:Webhooks:AllowPrivateNetworks", "true"); // the test receiver listens on loopback
    }
}

public sealed class FastWebhooksSqliteApp() : FastWebhooksApp(new SqliteDatabase());
public sealed class FastWebhooksPostgresApp() : FastWebhooksApp(new PostgresDatabase());

public sealed class WebhookDeliveryEndToEndTests_Sqlite(FastWebhooksSqliteApp app) : WebhookDeliveryEndToEndTests(app), IClassFixture<FastWebhooksSqliteApp>;
public sealed class WebhookDeliveryEndToEndTests_Postgres(FastWebhooksPostgresApp app) : WebhookDeliveryEndToEndTests(app), IClassFixture<FastWebhooksPostgresApp>;

public abstract class WebhookDeliveryEndToEndTests(SoriWebApp app)
{
    private async Task<(long Id, string Secret)> Subscribe(TestReceiver receiver)
    {
        var admin = await app.As(Roles.Admin);
        var created = await (await admin.PostJson("/api/v1/webhooks", new { name = "CRM", url = receiver.Url, events = new[] { "ticket.created" } }))
            .Json(HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt64(), created.GetProperty("secret").GetString()!);
    }

    private async Task<long> CreateTicket()
    {
        var agent = await app.As(Roles.Agent);
        var ticket = await (await agent.PostJson("/api/v1/tickets", new
        {
            subject = "환불 요청", body = "환불해 주세요.", requester = new { name = "이서연", email = $"c{Guid.NewGuid():N}@example.kr" },
        })).Json(HttpStatusCode.Created);
        return ticket.GetProperty("id").GetInt64();
    }

    /// <summary>The subscription's newest delivery once it is no longer pending (the outcome is written after the response).</summary>
    private async Task<JsonElement> Settled(long subscriptionId)
    {
        var admin = await app.As(Roles.Admin);
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(100))
        {
            var page = await (await admin.GetAsync($"/api/v1/webhooks/{subscriptionId}/deliveries")).Json(HttpStatusCode.OK);
            var items = page.GetProperty("items");
            if (items.GetArrayLength() > 0 && items[0].GetProperty("status").GetString() != "pending") return items[0];
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the delivery did not settle: " + page);
        }
    }

    private static void AssertSigned(TestReceiver.Request r, string secret)
    {
        var timestamp = r["X-Sori-Timestamp"];
        Assert.True(WebhookSignature.Verify(secret, timestamp, r.Body, r["X-Sori-Signature"], DateTimeOffset.UtcNow));
        // The same check written from the documentation alone, as an integrator would.
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + r.Body));
        Assert.Equal("sha256=" + Convert.ToHexString(mac).ToLowerInvariant(), r["X-Sori-Signature"]);
        Assert.InRange(long.Parse(timestamp), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task CreateTicket_SubscribedReceiver_GetsSignedEventWithHeaders()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var (subscription, secret) = await Subscribe(receiver);

        var ticketId = await CreateTicket();
        var request = await receiver.NextAsync();

        AssertSigned(request, secret);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("ticket.created", body.GetProperty("type").GetString());
        Assert.Equal(ticketId, body.GetProperty("data").GetProperty("ticketId").GetInt64());
        Assert.Equal("환불 요청", body.GetProperty("data").GetProperty("subject").GetString());
        Assert.True(DateTime.UtcNow - body.GetProperty("occurredAt").GetDateTime().ToUniversalTime() < TimeSpan.FromMinutes(1));
        Assert.Equal("ticket.created", request["X-Sori-Event"]);
        Assert.Equal(body.GetProperty("id").GetGuid(), Guid.Parse(request["X-Sori-Event-Id"]));
        Assert.StartsWith("application/json", request["Content-Type"]);
        var delivery = await Settled(subscription);
        Assert.Equal(delivery.GetProperty("id").GetInt64(), long.Parse(request["X-Sori-Delivery"]));
        Assert.Equal(("succeeded", 1, 200), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32(),
            delivery.GetProperty("responseStatus").GetInt32()));
        await (await app.As(Roles.Admin)).DeleteAsync($"/api/v1/webhooks/{subscription}");
    }

    [Fact]
    public async Task CreateTicket_ReceiverAnswers500Then200_RetriesAndLogsAttempts()
    {
        await using var receiver = await TestReceiver.StartAsync(500);
        var (subscription, secret) = await Subscribe(receiver);

        await CreateTicket();
        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();

        AssertSigned(first, secret);
        AssertSigned(second, secret);
        Assert.Equal(first["X-Sori-Event-Id"], second["X-Sori-Event-Id"]);
        Assert.Equal(first["X-Sori-Delivery"], second["X-Sori-Delivery"]);
        Assert.Equal(first.Body, second.Body);
        var log = await Settled(subscription);
        Assert.Equal(("succeeded", 2, 200), (log.GetProperty("status").GetString(), log.GetProperty("attempts").GetInt32(),
            log.GetProperty("responseStatus").GetInt32()));
        Assert.StartsWith("HTTP 500", log.GetProperty("lastError").GetString());

        // Redelivery replays the same event (same id, same body) with a fresh signature.
        var admin = await app.As(Roles.Admin);
        var deliveryId = log.GetProperty("id").GetInt64();
        var requeued = await (await admin.PostAsync($"/api/v1/webhooks/{subscription}/deliveries/{deliveryId}/redeliver", null)).Json(HttpStatusCode.Accepted);
        Assert.Equal("pending", requeued.GetProperty("status").GetString());
        var third = await receiver.NextAsync();
        AssertSigned(third, secret);
        Assert.Equal((first["X-Sori-Event-Id"], first.Body), (third["X-Sori-Event-Id"], third.Body));
        Assert.Equal(1, (await Settled(subscription)).GetProperty("attempts").GetInt32());
        await admin.DeleteAsync($"/api/v1/webhooks/{subscription}");
    }
}
