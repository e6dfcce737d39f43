using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Customers;
using Sori.Core.Data;
using Sori.Infrastructure.Database;
using Sori.Integration.Tests.Support;
using Sori.Testing;

namespace Sori.Integration.Tests.Customers;

public sealed class CustomerLookupPlanTests_Sqlite(SqliteDatabase db, Xunit.Abstractions.ITestOutputHelper output)
    : CustomerLookupPlanTests(db, output), IClassFixture<SqliteDatabase>;
public sealed class CustomerLookupPlanTests_Postgres(PostgresDatabase db, Xunit.Abstractions.ITestOutputHelper output)
    : CustomerLookupPlanTests(db, output), IClassFixture<PostgresDatabase>;

/// <summary>
/// Every new ticket and every inbound mail looks its sender up by address (or phone). Those lookups
/// must go through the address's index to one customer, never read every customer: the statements
/// EF sends are planned here against a few thousand customers.
/// </summary>
public abstract class CustomerLookupPlanTests(TestDatabase database, Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Customers = 3_000;
    private ServiceProvider _services = null!;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly int _phoneBlock = Random.Shared.Next(2000, 10000);
    private readonly List<Customer> _seeded = [];

    public async Task InitializeAsync()
    {
        _services = database.CreateServices();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var now = DateTime.UtcNow;
        for (var i = 0; i < Customers; i++)
        {
            var c = new Customer($"고객 {i}", now);
            c.AddEmail(Email(i));
            c.AddPhone(Phone(i));
            db.Customers.Add(c);
            _seeded.Add(c);
        }
        await db.SaveChangesAsync();
        if (database.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "Customers", "CustomerEmails", "CustomerPhones";""");
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private string Email(int i) => $"lookup{i}.{_run}@example.kr";
    private string Phone(int i) => $"010-{_phoneBlock}-{i:0000}";

    [Fact]
    public async Task SenderLookups_ProbeAnIndex_NeverReadEveryCustomer()
    {
        using var sent = await StatementRecorder.StartAsync();
        foreach (var lookup in new[] { "detached by email", "by email", "by phone", "new address" })
            await AssertProbesAnIndex(lookup, sent);
    }

    private async Task AssertProbesAnIndex(string lookup, StatementRecorder sent)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var find = new FindOrCreateCustomer(db, TimeProvider.System);
        sent.Clear();
        var target = Customers / 2;
        var found = lookup switch
        {
            "detached by email" => await find.FindExistingDetached(new(null, null, Email(target).ToUpperInvariant(), null, null), "requester", default),
            "by email" => await find.FindExisting(new(null, null, Email(target), null, null), "requester", default),
            "by phone" => await find.FindExisting(new(null, null, null, Phone(target), null), "requester", default),
            _ => await find.FindExistingDetached(new(null, null, $"nobody.{_run}@example.kr", null, null), "requester", default),
        };
        if (lookup == "new address") Assert.Null(found);
        else Assert.Equal(_seeded[target].Id, found?.Id);

        var statement = Assert.Single(sent.Of(db));
        output.WriteLine($"{lookup}:\n{statement.Sql}");
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var plan = await QueryPlans.Sqlite(db, statement);
            output.WriteLine(string.Join('\n', plan));
            Assert.Empty(QueryPlans.SqliteTableScans(plan));
            Assert.Contains(plan, l => l.Contains(lookup == "by phone" ? "IX_CustomerPhones_Normalized" : "IX_CustomerEmails_Address", StringComparison.Ordinal));
        }
        else
        {
            var plan = await QueryPlans.PostgresGeneric(db, statement);
            output.WriteLine(plan);
            Assert.DoesNotContain("Seq Scan", plan);
            Assert.DoesNotContain("Rows Removed by Filter", plan);
        }
    }
}
