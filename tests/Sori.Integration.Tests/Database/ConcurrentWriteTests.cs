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
}
