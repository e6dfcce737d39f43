using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Webhooks;
using Sori.Testing;

namespace Sori.Integration.Tests.Webhooks;

public sealed class WebhookSubscriptionUseCaseTests_Sqlite(SqliteDatabase db) : WebhookSubscriptionUseCaseTests(db), IClassFixture<SqliteDatabase>;
public sealed class WebhookSubscriptionUseCaseTests_Postgres(PostgresDatabase db) : WebhookSubscriptionUseCaseTests(db), IClassFixture<PostgresDatabase>;

public abstract class WebhookSubscriptionUseCaseTests(TestDatabase database) : OutboxTestBase(database)
{
    private Task<WebhookSubscription> Create(string? name, string? url, params string[]? events) =>
        Run(sp => sp.GetRequiredService<CreateWebhookSubscription>().Handle(new CreateWebhookSubscriptionRequest(name, url, events), default));

    [Fact]
    public async Task Create_ValidInput_StoresSubscriptionWithGeneratedSecret()
    {
        var a = await Create(" CRM 연동 ", "https://crm.example.kr/hooks/sori", "ticket.created", "note.created", "ticket.created");
        var b = await Create("all", "http://127.0.0.1:8080/x", "ticket.solved", "*");

        Assert.Equal(("CRM 연동", true), (a.Name, a.IsActive));
        Assert.Equal(new[] { "ticket.created", "note.created" }, a.Events);
        Assert.Equal(new[] { "*" }, b.Events);
        Assert.StartsWith("whsec_", a.Secret);
        Assert.True(a.Secret.Length >= 40);
        Assert.NotEqual(a.Secret, b.Secret);
        var stored = await Db(db => db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == a.Id));
        Assert.Equal((a.Secret, Now), (stored.Secret, stored.CreatedAt));
    }

    [Theory]
    [InlineData(null, "https://x.example/h", "ticket.created", "name")]
    [InlineData("crm", "ftp://x.example/h", "ticket.created", "url")]
    [InlineData("crm", "javascript:alert(1)", "ticket.created", "url")]
    [InlineData("crm", "file:///etc/passwd", "ticket.created", "url")]
    [InlineData("crm", "https://user:pw@x.example/h", "ticket.created", "url")]
    [InlineData("crm", "/relative/path", "ticket.created", "url")]
    [InlineData("crm", "https://x.example/h", "ticket.exploded", "events")]
    [InlineData("crm", "https://x.example/h", null, "events")]
    public async Task Create_BadInput_NamesTheField(string? name, string? url, string? ev, string field)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Create(name, url, ev is null ? [] : [ev]));
        Assert.Equal(new[] { field }, e.Errors.Keys);
    }

    [Fact]
    public async Task Update_ChangesOnlyGivenFieldsAndValidatesThem()
    {
        var s = await Create("crm", "https://a.example/h", "ticket.created");
        var update = (UpdateWebhookSubscriptionRequest r) => Run(sp => sp.GetRequiredService<UpdateWebhookSubscription>().Handle(s.Id, r, default));

        await update(new(Url: "https://b.example/h", Events: ["message.created"]));
        var bad = await Assert.ThrowsAsync<ValidationException>(() => update(new(Url: "gopher://b.example", Events: ["nope"])));

        Assert.Equal(new[] { "events", "url" }, bad.Errors.Keys.Order());
        var stored = await Db(db => db.WebhookSubscriptions.AsNoTracking().SingleAsync(x => x.Id == s.Id));
        Assert.Equal(("crm", "https://b.example/h", s.Secret), (stored.Name, stored.Url, stored.Secret));
        Assert.Equal(new[] { "message.created" }, stored.Events);
        await Assert.ThrowsAsync<NotFoundException>(() => Run(sp => sp.GetRequiredService<UpdateWebhookSubscription>().Handle(999_999, new(Name: "x"), default)));
    }

    [Fact]
    public async Task RotateSecret_ReplacesTheSecret()
    {
        var s = await Create("crm", "https://a.example/h", "*");

        var rotated = await Run(sp => sp.GetRequiredService<RotateWebhookSecret>().Handle(s.Id, default));

        Assert.NotEqual(s.Secret, rotated.Secret);
        Assert.Equal(rotated.Secret, (await Db(db => db.WebhookSubscriptions.AsNoTracking().SingleAsync(x => x.Id == s.Id))).Secret);
    }

    [Fact]
    public async Task ListDeliveries_ManyDeliveries_PagesNewestFirstWithCursor()
    {
        var s = await Create("crm", "https://a.example/h", "*");
        await AddMessages(5);
        while ((await Pass()).Claimed > 0) { }
        var list = (WebhookDeliveryQuery q) => Run(sp => sp.GetRequiredService<ListWebhookDeliveries>().Handle(s.Id, q, default));

        var first = await list(new(Limit: 2));
        var second = await list(new(Limit: 2, Cursor: first.Next));
        var third = await list(new(Limit: 2, Cursor: second.Next));

        var ids = first.Items.Concat(second.Items).Concat(third.Items).Select(d => d.Id).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(5, ids.Distinct().Count());
        Assert.Null(third.Next);
        Assert.All(ids, id => Assert.NotEqual(0, id));
        Assert.Equal(5, (await list(new(Status: "pending"))).Items.Count);
        Assert.Empty((await list(new(Status: "failed"))).Items);
        var bad = await Assert.ThrowsAsync<ValidationException>(() => list(new(Status: "Pending,Failed", Limit: 0, Cursor: "zz")));
        Assert.Equal(new[] { "cursor", "limit", "status" }, bad.Errors.Keys.Order());
    }

    [Fact]
    public async Task Delete_SubscriptionWithDeliveries_RemovesItsLogToo()
    {
        var s = await Create("crm", "https://a.example/h", "*");
        await AddMessages(2);
        await Pass();

        await Run(async sp => { await sp.GetRequiredService<DeleteWebhookSubscription>().Handle(s.Id, default); return 0; });

        Assert.Equal(0, await Db(db => db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == s.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Run(sp => sp.GetRequiredService<GetWebhookSubscription>().Handle(s.Id, default)));
        await Assert.ThrowsAsync<NotFoundException>(() => Run(sp => sp.GetRequiredService<ListWebhookDeliveries>().Handle(s.Id, new(), default)));
    }
}
