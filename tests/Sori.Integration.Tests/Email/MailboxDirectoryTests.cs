using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Channels.Email;
using Sori.Core.Data;
using Sori.Testing;

namespace Sori.Integration.Tests.Email;

public sealed class MailboxDirectoryTests_Sqlite(SqliteDatabase db) : MailboxDirectoryTests(db), IClassFixture<SqliteDatabase>;
public sealed class MailboxDirectoryTests_Postgres(PostgresDatabase db) : MailboxDirectoryTests(db), IClassFixture<PostgresDatabase>;

/// <summary>
/// The mailboxes the mail path reads with every message come from one snapshot: fresh after this
/// process changes a mailbox, at most <see cref="MailboxDirectory.MaxAge"/> old after another changes one.
/// </summary>
public abstract class MailboxDirectoryTests(TestDatabase database)
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(9)));

    [Fact]
    public async Task ChangesThroughTheUseCases_AreSeenAtOnce()
    {
        await using var services = database.CreateServices(clock: _clock);
        var directory = services.GetRequiredService<MailboxDirectory>();
        var address = $"d-{Guid.NewGuid():N}"[..14] + "@shop.kr";
        var id = (await Run(services, sp => sp.GetRequiredService<CreateMailbox>().Handle(new CreateMailboxRequest("문의", address), default))).Id;

        await Run(services, async sp =>
        {
            var db = sp.GetRequiredService<SoriDbContext>();
            Assert.Contains(address, await directory.OwnAddressesAsync(db, default));
            Assert.False(await directory.AnyAcknowledgesAsync(db, default));
            return 0;
        });
        await Run(services, sp => sp.GetRequiredService<UpdateMailbox>().Handle(id, new UpdateMailboxRequest { AutoAcknowledge = true }, default));
        await Run(services, async sp =>
        {
            var db = sp.GetRequiredService<SoriDbContext>();
            Assert.True(await directory.AnyAcknowledgesAsync(db, default));
            Assert.True((await directory.FindAsync(db, id, default))!.AutoAcknowledge);
            return 0;
        });
        await Run(services, async sp => { await sp.GetRequiredService<DeleteMailbox>().Handle(id, default); return 0; });
        await Run(services, async sp =>
        {
            var db = sp.GetRequiredService<SoriDbContext>();
            Assert.Null(await directory.FindAsync(db, id, default));
            Assert.DoesNotContain(address, await directory.OwnAddressesAsync(db, default));
            return 0;
        });
    }

    [Fact]
    public async Task ChangesFromElsewhere_AreSeenWithinMaxAge_AndANewMailboxAtOnce()
    {
        await using var services = database.CreateServices(clock: _clock);
        var directory = services.GetRequiredService<MailboxDirectory>();
        var address = $"e-{Guid.NewGuid():N}"[..14] + "@shop.kr";
        // Another node (its own services) creates the mailbox after this one has read the directory.
        await Run(services, async sp => (await directory.OwnAddressesAsync(sp.GetRequiredService<SoriDbContext>(), default)).Count);
        await using (var elsewhere = database.CreateServices(clock: _clock))
            await Run(elsewhere, sp => sp.GetRequiredService<CreateMailbox>().Handle(new CreateMailboxRequest("문의", address), default));
        var id = await Run(services, sp => sp.GetRequiredService<SoriDbContext>().Mailboxes.Where(m => m.Address == address).Select(m => m.Id).SingleAsync());

        await Run(services, async sp =>
        {
            // Asked by id, an unknown mailbox is read again: mail for it is accepted at once.
            Assert.Equal(address, (await directory.FindAsync(sp.GetRequiredService<SoriDbContext>(), id, default))!.Address);
            return 0;
        });
        // Paused on the other node: this one keeps its snapshot until it is MaxAge old.
        await Run(services, sp => sp.GetRequiredService<SoriDbContext>().Mailboxes.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, false)));
        Assert.True(await Run(services, async sp => (await directory.FindAsync(sp.GetRequiredService<SoriDbContext>(), id, default))!.IsActive));
        _clock.Advance(MailboxDirectory.MaxAge);
        Assert.False(await Run(services, async sp => (await directory.FindAsync(sp.GetRequiredService<SoriDbContext>(), id, default))!.IsActive));
    }

    private static async Task<T> Run<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
