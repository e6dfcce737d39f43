using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sori.Core.Common;
using Sori.Web.Features.Webhooks;
using Sori.Web.Tests.Support;
using Sori.Web.Workers;

namespace Sori.Web.Tests.Webhooks;

public sealed class WebhookApiTests_Sqlite(SqliteWebApp app) : WebhookApiTests(app), IClassFixture<SqliteWebApp>;
public sealed class WebhookApiTests_Postgres(PostgresWebApp app) : WebhookApiTests(app), IClassFixture<PostgresWebApp>;

public abstract class WebhookApiTests(SoriWebApp app)
{
    // Paused and pointed at the discard port: these subscriptions must never reach anything.
    private static object NewSubscription(string name = "CRM") =>
        new { name, url = "http://127.0.0.1:9/hooks", events = new[] { "ticket.created", "ticket.solved" }, isActive = false };

    private async Task<long> Create()
    {
        var admin = await app.As(Roles.Admin);
        return (await (await admin.PostJson("/api/v1/webhooks", NewSubscription())).Json(HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Crud_Admin_ShowsTheSecretOnlyOnCreateAndRotate()
    {
        var admin = await app.As(Roles.Admin);

        var response = await admin.PostJson("/api/v1/webhooks", NewSubscription());
        var created = await response.Json(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Equal($"/api/v1/webhooks/{id}", response.Headers.Location?.ToString());
        Assert.StartsWith("whsec_", secret);

        var fetched = await (await admin.GetAsync($"/api/v1/webhooks/{id}")).Json(HttpStatusCode.OK);
        Assert.False(fetched.TryGetProperty("secret", out _));
        Assert.Equal(new[] { "ticket.created", "ticket.solved" }, fetched.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var list = await (await admin.GetAsync("/api/v1/webhooks")).Json(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetInt64() == id && !s.TryGetProperty("secret", out _));

        var rotated = await (await admin.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null)).Json(HttpStatusCode.OK);
        Assert.NotEqual(secret, rotated.GetProperty("secret").GetString());

        var patched = await (await admin.PatchJson($"/api/v1/webhooks/{id}", new { name = "CRM v2", events = new[] { "*" } })).Json(HttpStatusCode.OK);
        Assert.Equal(("CRM v2", "*", false), (patched.GetProperty("name").GetString(), patched.GetProperty("events")[0].GetString(),
            patched.GetProperty("isActive").GetBoolean()));
        var deliveries = await (await admin.GetAsync($"/api/v1/webhooks/{id}/deliveries")).Json(HttpStatusCode.OK);
        Assert.Equal(0, deliveries.GetProperty("items").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        await (await admin.GetAsync($"/api/v1/webhooks/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name":"CRM","url":"ftp://files.example.com/in","events":["ticket.created"]}""", "url")]
    [InlineData("""{"name":"CRM","url":"javascript:alert(1)","events":["ticket.created"]}""", "url")]
    [InlineData("""{"name":"CRM","url":"https://crm.example.com/h","events":["ticket.deleted"]}""", "events")]
    [InlineData("""{"name":"CRM","url":"https://crm.example.com/h","events":[]}""", "events")]
    [InlineData("""{"url":"https://crm.example.com/h","events":["*"]}""", "name")]
    [InlineData("""{"name":"CRM","url":"https://crm.example.com/h","events":"ticket.created"}""", "events")]
    public async Task Create_BadInput_Returns400NamingTheField(string json, string field)
    {
        var admin = await app.As(Roles.Admin);
        await (await admin.PostRaw("/api/v1/webhooks", json)).Problem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Update_BadUrl_Returns400NamingTheField()
    {
        var id = await Create();
        var admin = await app.As(Roles.Admin);
        await (await admin.PatchJson($"/api/v1/webhooks/{id}", new { url = "file:///etc/passwd" })).Problem(HttpStatusCode.BadRequest, "url");
    }

    [Fact]
    public async Task Endpoints_CallersBelowAdmin_Return403()
    {
        var id = await Create();
        var callers = new[] { await app.As(Roles.Agent), await app.As(Roles.Lead), await app.WithToken("read"), await app.WithToken("write") };
        foreach (var caller in callers)
        {
            await (await caller.GetAsync("/api/v1/webhooks")).Problem(HttpStatusCode.Forbidden);
            await (await caller.PostJson("/api/v1/webhooks", NewSubscription())).Problem(HttpStatusCode.Forbidden);
            await (await caller.GetAsync($"/api/v1/webhooks/{id}")).Problem(HttpStatusCode.Forbidden);
            await (await caller.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null)).Problem(HttpStatusCode.Forbidden);
            await (await caller.DeleteAsync($"/api/v1/webhooks/{id}")).Problem(HttpStatusCode.Forbidden);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/webhooks")).StatusCode);
        var adminToken = await app.WithToken("admin");
        await (await adminToken.GetAsync($"/api/v1/webhooks/{id}")).Json(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("GET", "/api/v1/webhooks/999999")]
    [InlineData("PATCH", "/api/v1/webhooks/999999")]
    [InlineData("DELETE", "/api/v1/webhooks/999999")]
    [InlineData("POST", "/api/v1/webhooks/999999/rotate-secret")]
    [InlineData("GET", "/api/v1/webhooks/999999/deliveries")]
    [InlineData("POST", "/api/v1/webhooks/999999/deliveries/1/redeliver")]
    public async Task Endpoints_UnknownId_Return404(string method, string url)
    {
        var admin = await app.As(Roles.Admin);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "PATCH") request.Content = new StringContent("""{"name":"x"}""", System.Text.Encoding.UTF8, "application/json");
        await (await admin.SendAsync(request)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Redeliver_DeliveryOfAnotherSubscription_Returns404()
    {
        var id = await Create();
        var admin = await app.As(Roles.Admin);
        await (await admin.PostAsync($"/api/v1/webhooks/{id}/deliveries/1/redeliver", null)).Problem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/v1/webhooks/{id}/deliveries?status=lost")).Problem(HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task Outbox_ListsWaitingAndStuckEvents_AndRetryGivesFreshAttempts()
    {
        var admin = await app.As(Roles.Admin);
        var writer = await app.WithToken("write");
        var subject = "아웃박스 " + Guid.NewGuid().ToString("N")[..6];
        await (await writer.PostJson("/api/v1/tickets", new { subject, body = "본문", requester = new { email = $"o{Guid.NewGuid():N}@example.kr" } }))
            .Json(HttpStatusCode.Created);

        // Once this node's outbox worker has run the event, pretend instead that it failed every attempt.
        long id = 0;
        for (var waited = 0; id == 0 && waited < 200; waited++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Sori.Core.Data.SoriDbContext>();
            var row = db.OutboxMessages.Where(m => m.Type == "ticket.created").OrderByDescending(m => m.Id).First();
            if (row.ProcessedAt is null) { await Task.Delay(50); continue; }
            (row.Attempts, row.LastError, row.ProcessedAt, id) = (99, "receiver down", null, row.Id);
            await db.SaveChangesAsync();
        }
        var stuck = await (await admin.GetAsync("/api/v1/outbox?state=stuck&limit=200")).Json(HttpStatusCode.OK);
        var listed = stuck.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
        Assert.Equal(("stuck", "receiver down"), (listed.GetProperty("state").GetString(), listed.GetProperty("lastError").GetString()));

        var retried = await (await admin.PostAsync($"/api/v1/outbox/{id}/retry", null)).Json(HttpStatusCode.OK);
        Assert.Equal(("pending", 0), (retried.GetProperty("state").GetString(), retried.GetProperty("attempts").GetInt32()));
        // The retry wakes this node's outbox worker, which now runs the event.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? state = null;
        while (DateTime.UtcNow < deadline && state != "processed")
        {
            var all = await (await admin.GetAsync("/api/v1/outbox?limit=200")).Json(HttpStatusCode.OK);
            state = all.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id).GetProperty("state").GetString();
            await Task.Delay(100);
        }
        Assert.Equal("processed", state);

        await (await admin.GetAsync("/api/v1/outbox?state=lost")).Problem(HttpStatusCode.BadRequest, "state");
        await (await admin.GetAsync("/api/v1/outbox?limit=0")).Problem(HttpStatusCode.BadRequest, "limit");
        await (await admin.PostAsync("/api/v1/outbox/999999999/retry", null)).Problem(HttpStatusCode.NotFound);
        await (await (await app.As(Roles.Lead)).GetAsync("/api/v1/outbox")).Problem(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData(null, true)]
    public void AddSoriWebhooks_WorkersSetting_DecidesWhetherWorkersRun(string? enabled, bool expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sori:Workers:Enabled"] = enabled }).Build();
        var services = new ServiceCollection().AddSoriWebhooks(config);

        var workers = services.Where(s => s.ServiceType == typeof(IHostedService)).Select(s => s.ImplementationType).ToList();
        Assert.Equal(expected, workers.Contains(typeof(OutboxWorker)));
        Assert.Equal(expected, workers.Contains(typeof(WebhookDeliveryWorker)));
    }
}
