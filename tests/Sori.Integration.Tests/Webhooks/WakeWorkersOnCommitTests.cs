using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Outbox;
using Sori.Core.Webhooks;
using Sori.Infrastructure.Outbox;
using Sori.Testing;

namespace Sori.Integration.Tests.Webhooks;

public sealed class WakeWorkersOnCommitTests_Sqlite(SqliteDatabase db) : WakeWorkersOnCommitTests(db), IClassFixture<SqliteDatabase>;
public sealed class WakeWorkersOnCommitTests_Postgres(PostgresDatabase db) : WakeWorkersOnCommitTests(db), IClassFixture<PostgresDatabase>;

public abstract class WakeWorkersOnCommitTests(TestDatabase database) : OutboxTestBase(database)
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddWorkerWakeUps();

    private OutboxSignal Outbox => Services.GetRequiredService<OutboxSignal>();
    private WebhookDeliverySignal Deliveries => Services.GetRequiredService<WebhookDeliverySignal>();

    private Task<bool> Signalled(WorkSignal signal) => signal.WaitAsync(TimeSpan.Zero, Clock, default);

    [Fact]
    public async Task Commit_WithNewOutboxRows_WakesTheOutboxWorkerAfterCommitOnly()
    {
        await Signalled(Outbox);
        await Db(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.OutboxMessages.Add(new OutboxMessage("ticket.updated", "{}", Now));
            await db.SaveChangesAsync();
            Assert.False(await Signalled(Outbox)); // a worker woken now would not see the row yet
            await tx.RollbackAsync();
            return 0;
        });
        Assert.False(await Signalled(Outbox));

        await CreateTicket();
        Assert.True(await Signalled(Outbox));
        Assert.False(await Signalled(Outbox)); // many notifications, one wake-up
        Assert.False(await Signalled(Deliveries));

        await AddMessages(1); // a plain save, without an explicit transaction
        Assert.True(await Signalled(Outbox));
    }

    [Fact]
    public async Task FanOut_CommitsDeliveries_WakesTheDeliveryWorker()
    {
        await Subscribe("crm", "*");
        await AddMessages(1);
        await Signalled(Deliveries);

        await Pass();

        Assert.True(await Signalled(Deliveries));
    }

    [Fact]
    public async Task Wait_NoNotification_ReturnsFalseAfterTheTimeout()
    {
        var signal = new WorkSignal();
        var waiting = signal.WaitAsync(TimeSpan.FromMilliseconds(50), TimeProvider.System, default);
        Assert.False(await waiting);
        var woken = signal.WaitAsync(TimeSpan.FromMinutes(5), TimeProvider.System, default);
        signal.Notify();
        Assert.True(await woken.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
