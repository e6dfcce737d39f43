using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Customers;
using Sori.Core.Data;
using Sori.Core.Tickets;
using Sori.Testing;

namespace Sori.Integration.Tests.Database;

public sealed class ConcurrentWriteTests_Sqlite(SqliteDatabase db) : ConcurrentWriteTests(db), IClassFixture<SqliteDatabase>;
public sealed class ConcurrentWriteTests_Postgres(PostgresDatabase db) : ConcurrentWriteTests(db), IClassFixture<PostgresDatabase>;

public abstract class ConcurrentWriteTests(TestDatabase database)
{
    [Fact]
    public async Task ManyConcurrentCreates_AllSucceed_WithDistinctConsecutiveNumbers()
    {
        await using var services = database.CreateServices();
        const int count = 64;
        var tickets = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CreateTicket>().Handle(new CreateTicketRequest(
                $"동시 문의 {i}", "본문", null, new RequesterInput(null, null, $"load{i % 8}-{Guid.NewGuid():N}@example.kr", null, null)),
                Actor.System, default);
        }));
        var numbers = tickets.Select(t => t.Number).Order().ToList();
        Assert.Equal(count, numbers.Distinct().Count());
        Assert.Equal(numbers[0] + count - 1, numbers[^1]);
    }

    [Fact]
    public async Task ConcurrentFirstTickets_FromOneNewAddress_ShareOneCustomer()
    {
        // Two hosts on one database, each with its own write batcher: within a host the units see each
        // other's staged customer; between hosts the loser of the unique-index race runs again.
        await using var services = database.CreateServices();
        await using var otherNode = database.CreateServices();
        var email = $"new-{Guid.NewGuid():N}@example.kr";
        var tickets = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            await using var scope = (i % 2 == 0 ? services : otherNode).CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CreateTicket>().Handle(new CreateTicketRequest(
                $"첫 문의 {i}", "본문", null, new RequesterInput(null, "새 고객", email, null, null)), Actor.System, default);
        }));
        Assert.Single(tickets.Select(t => t.RequesterId).Distinct());
        await using var check = services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<SoriDbContext>();
        Assert.Equal(1, await db.CustomerEmails.CountAsync(e => e.Address == email));
        Assert.Equal(24, await db.Tickets.CountAsync(t => t.RequesterId == tickets[0].RequesterId));
    }

    [Fact]
    public async Task FailingUnits_FailAlone_WhileTheirNeighboursCommit()
    {
        await using var services = database.CreateServices();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var attempts = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var scope = services.CreateAsyncScope();
            // Every third one names a customer that does not exist: it fails inside its write unit.
            var requester = i % 3 == 0 ? new RequesterInput(999_999_999, null, null, null, null)
                                       : new RequesterInput(null, null, $"n{i}-{tag}@example.kr", null, null);
            try
            {
                await scope.ServiceProvider.GetRequiredService<CreateTicket>().Handle(
                    new CreateTicketRequest($"묶음 {tag} {i}", "본문", null, requester), Actor.System, default);
                return (i, error: (Exception?)null);
            }
            catch (Exception e) { return (i, error: e); }
        }));
        foreach (var (i, error) in attempts)
        {
            if (i % 3 == 0) Assert.Equal("requester.id", Assert.IsType<ValidationException>(error).Errors.Keys.Single());
            else Assert.Null(error);
        }
        await using var check = services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<SoriDbContext>();
        var stored = await db.Tickets.Where(t => t.Subject.StartsWith("묶음 " + tag)).Select(t => t.Subject).ToListAsync();
        Assert.Equal(attempts.Count(a => a.error is null), stored.Count);
        Assert.Equal(stored.Count, await db.CustomerEmails.CountAsync(e => e.Address.EndsWith(tag + "@example.kr")));
    }

    [Fact]
    public async Task WriteRunner_ReturnsOnlyAfterCommit_AndRollsBackAThrowingUnit()
    {
        await using var services = database.CreateServices();
        var name = "롤백 " + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = services.CreateAsyncScope())
        {
            var writes = scope.ServiceProvider.GetRequiredService<IWriteRunner>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => writes.RunAsync<int>(async (db, ct) =>
            {
                db.Customers.Add(new Customer(name, DateTime.UtcNow));
                await db.SaveChangesAsync(ct);
                throw new InvalidOperationException("after the save");
            }, default));
            var id = await writes.RunAsync(async (db, ct) =>
            {
                var c = new Customer(name + " 저장", DateTime.UtcNow);
                db.Customers.Add(c);
                await db.SaveChangesAsync(ct);
                return c.Id;
            }, default);
            // Visible to any other connection as soon as RunAsync returns.
            await using var other = services.CreateAsyncScope();
            Assert.True(await other.ServiceProvider.GetRequiredService<SoriDbContext>().Customers.AnyAsync(c => c.Id == id));
        }
        await using var check = services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<SoriDbContext>().Customers.AnyAsync(c => c.Name == name));
    }

    [Fact]
    public async Task AbandonedTransaction_DoesNotBlockLaterWrites()
    {
        await using var services = database.CreateServices();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            var tx = await db.Database.BeginTransactionAsync();
            db.Customers.Add(new Customer("버려진 트랜잭션", DateTime.UtcNow));
            await db.SaveChangesAsync();
            await tx.DisposeAsync(); // neither committed nor rolled back explicitly
        }
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            db.Customers.Add(new Customer("다음 쓰기", DateTime.UtcNow));
            var save = db.SaveChangesAsync();
            Assert.Same(save, await Task.WhenAny(save, Task.Delay(TimeSpan.FromSeconds(5))));
            Assert.False(await db.Customers.AnyAsync(c => c.Name == "버려진 트랜잭션"));
        }
    }

    [Fact]
    public async Task FailedSave_RollsBackEverything_AndReleasesWriters()
    {
        await using var services = database.CreateServices();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            var dup = $"dup{Guid.NewGuid():N}@example.kr";
            var a = new Customer("첫째", DateTime.UtcNow);
            a.AddEmail(dup);
            db.Customers.Add(a);
            await db.SaveChangesAsync();
            var b = new Customer("둘째", DateTime.UtcNow);
            b.AddEmail(dup);
            db.Customers.Add(b);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            db.Customers.Add(new Customer("그 다음", DateTime.UtcNow));
            var save = db.SaveChangesAsync();
            Assert.Same(save, await Task.WhenAny(save, Task.Delay(TimeSpan.FromSeconds(5))));
            Assert.False(await db.Customers.AnyAsync(c => c.Name == "둘째"));
        }
    }

    [Fact]
    public async Task StagedUnits_ThatThrowOrBreakAConstraint_FailAlone_AndTheRestCommitWithTheirIds()
    {
        await using var services = database.CreateServices();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var taken = $"taken-{tag}@example.kr";
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            var owner = new Customer("주인", DateTime.UtcNow);
            owner.AddEmail(taken);
            db.Customers.Add(owner);
            await db.SaveChangesAsync();
        }
        // Started together so that on SQLite they share batches: the throwing units and the unit whose
        // address is already taken must not take the others down with them.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            await using var scope = services.CreateAsyncScope();
            var writes = scope.ServiceProvider.GetRequiredService<IWriteRunner>();
            try
            {
                var customer = await writes.StageAsync((db, _) =>
                {
                    var c = new Customer($"단계 {tag} {i}", DateTime.UtcNow);
                    c.AddEmail(i == 7 ? taken : $"s{i}-{tag}@example.kr");
                    db.Customers.Add(c);
                    if (i % 5 == 0) throw new InvalidOperationException($"unit {i}");
                    return Task.FromResult(c);
                }, default);
                return (i, id: customer.Id, error: (Exception?)null);
            }
            catch (Exception e) { return (i, id: 0L, error: e); }
        }));
        foreach (var (i, id, error) in outcomes)
        {
            if (i % 5 == 0) Assert.Equal($"unit {i}", Assert.IsType<InvalidOperationException>(error).Message);
            else if (i == 7) Assert.IsType<DbUpdateException>(error);
            else
            {
                Assert.Null(error);
                Assert.True(id > 0, $"unit {i} came back without its id");
            }
        }
        await using var check = services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<SoriDbContext>().Customers
            .Where(c => c.Name.StartsWith($"단계 {tag} ")).Select(c => c.Id).OrderBy(id => id).ToListAsync();
        Assert.Equal(outcomes.Where(o => o.error is null).Select(o => o.id).OrderBy(id => id), stored);
    }
}
