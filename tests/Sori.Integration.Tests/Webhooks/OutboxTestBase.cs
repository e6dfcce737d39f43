using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Outbox;
using Sori.Core.Tickets;
using Sori.Core.Webhooks;
using Sori.Infrastructure.Outbox;
using Sori.Testing;

namespace Sori.Integration.Tests.Webhooks;

/// <summary>
/// Services with fake time, the outbox processor and a switchable test handler, on an outbox and
/// webhook tables emptied before each test (tests of a class share one database).
/// </summary>
public abstract class OutboxTestBase(TestDatabase database) : IAsyncLifetime
{
    protected readonly ManualClock Clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    protected readonly RecordingHandler Handler = new();
    protected readonly OutboxOptions Options = new()
    {
        BatchSize = 10, LeaseDuration = TimeSpan.FromMinutes(1), MaxAttempts = 4,
        RetryBaseDelay = TimeSpan.FromSeconds(10), RetryMaxDelay = TimeSpan.FromSeconds(25),
    };
    protected ServiceProvider Services = null!;

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;
    protected Infrastructure.Database.DatabaseProvider Provider => database.Provider;

    public async Task InitializeAsync()
    {
        Services = database.CreateServices(s =>
        {
            s.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
            s.AddSingleton<OutboxProcessor>();
            s.AddSingleton(Handler);
            s.AddScoped<IOutboxHandler>(sp => sp.GetRequiredService<RecordingHandler>());
            ConfigureServices(s);
        }, Clock);
        await Db(async db =>
        {
            await db.WebhookDeliveries.ExecuteDeleteAsync();
            await db.WebhookSubscriptions.ExecuteDeleteAsync();
            return await db.OutboxMessages.ExecuteDeleteAsync();
        });
    }

    protected virtual void ConfigureServices(IServiceCollection services) { }

    public async Task DisposeAsync() => await Services.DisposeAsync();

    protected async Task<T> Db<T>(Func<SoriDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SoriDbContext>());
    }

    protected async Task<T> Run<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    protected Task<OutboxPass> Pass(string node = "node-a") => Services.GetRequiredService<OutboxProcessor>().RunOnceAsync(node, default);

    protected Task<Ticket> CreateTicket(string subject = "배송 문의") => Run(sp => sp.GetRequiredService<CreateTicket>().Handle(
        new CreateTicketRequest(subject, "주문한 상품이 아직 안 왔어요.", null,
            new RequesterInput(null, "김민지", $"c{Guid.NewGuid():N}@example.kr", null, "ko")), Actor.System, default));

    protected Task<WebhookSubscription> Subscribe(string name, params string[] events) => Run(sp => sp.GetRequiredService<CreateWebhookSubscription>()
        .Handle(new CreateWebhookSubscriptionRequest(name, "https://hooks.example.com/" + name, events), default));

    /// <summary>Outbox rows written straight, as the DbContext does for aggregates' events.</summary>
    protected Task<List<OutboxMessage>> AddMessages(int count, string type = "ticket.updated") => Db(async db =>
    {
        var rows = Enumerable.Range(1, count).Select(i => new OutboxMessage(type, $"{{\"ticketId\":{i}}}", Now)).ToList();
        db.OutboxMessages.AddRange(rows);
        await db.SaveChangesAsync();
        return rows;
    });
}

/// <summary>Counts what it was given, per event and node, and fails while told to.</summary>
public sealed class RecordingHandler : IOutboxHandler
{
    private readonly List<Guid> _handled = [];
    public volatile bool Fail;
    /// <summary>Fails only the message whose payload is exactly this (null: none).</summary>
    public volatile string? FailPayload;

    public IReadOnlyList<Guid> Handled { get { lock (_handled) return _handled.ToList(); } }

    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Fail || message.Payload == FailPayload) throw new InvalidOperationException("receiver of " + message.Type + " is down");
        lock (_handled) _handled.Add(message.EventId);
        return Task.CompletedTask;
    }
}
