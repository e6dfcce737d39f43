using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Sori.Core.Customers;
using Sori.Core.Data;
using Sori.Infrastructure.Database;
using Sori.Testing;

namespace Sori.Integration.Tests.Database;

/// <summary>Compiled statements reused within a transaction (SqliteStatementCache): fewer compilations, same results.</summary>
public sealed class SqliteStatementCacheTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    /// <summary>Every command EF executes, by instance.</summary>
    private sealed class Recorder : DbCommandInterceptor
    {
        public readonly List<DbCommand> Executed = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Executed.Add(command);
            return ValueTask.FromResult(result);
        }
    }

    private SoriDbContext Context(Recorder recorder)
    {
        var options = new DbContextOptionsBuilder<SoriDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, database.ConnectionString);
        options.AddInterceptors(recorder);
        return new SoriDbContext(options.Options);
    }

    private async Task<List<long>> SeedAsync(string prefix, int count)
    {
        await using var db = Context(new Recorder());
        var customers = Enumerable.Range(0, count).Select(i => new Customer($"{prefix} {i:00}", DateTime.UtcNow)).ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        return customers.Select(c => c.Id).ToList();
    }

    [Fact]
    public async Task InATransaction_OneStatementIsCompiledOnce_AndReboundForEachRun()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var ids = await SeedAsync(prefix, 5);
        var recorder = new Recorder();
        await using var db = Context(recorder);

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            foreach (var id in ids)
                Assert.Equal(id, (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id)).Id);
            await tx.CommitAsync();
        }
        Assert.Equal(5, recorder.Executed.Count);
        Assert.Single(recorder.Executed.Distinct());

        // Outside a transaction nothing is kept: the connection closes after each query.
        recorder.Executed.Clear();
        foreach (var id in ids) Assert.Equal(id, (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id)).Id);
        Assert.Equal(5, recorder.Executed.Distinct().Count());

        // A later transaction on the same context compiles afresh (the connection closed in between) and works.
        recorder.Executed.Clear();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            foreach (var id in new[] { ids[^1], ids[0] })
                Assert.Equal(id, (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id)).Id);
            await tx.CommitAsync();
        }
        Assert.Single(recorder.Executed.Distinct());
    }

    [Fact]
    public async Task TicketNumbers_InATransaction_CountOnByOne_AndARawStatementIsKeptLikeEfs()
    {
        await using var db = Context(new Recorder());
        var numbers = new SqliteTicketNumberAllocator();
        Assert.True((await numbers.NextAsync(db, default)).Number > 0); // outside a transaction: a plain command
        await using var tx = await db.Database.BeginTransactionAsync();
        var inside = new List<long>();
        for (var i = 0; i < 3; i++) inside.Add((await numbers.NextAsync(db, default)).Number);

        // A statement Sori runs itself is kept for the transaction as EF's are: once freed, asking again gets the same command.
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        DbCommand Fresh()
        {
            var c = connection.CreateCommand();
            c.CommandText = "UPDATE \"Counters\" SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = 'ticket_number' RETURNING \"Value\"";
            c.Transaction = tx.GetDbTransaction();
            return c;
        }
        var first = SqliteStatementCache.Instance.Keep(Fresh());
        var second = SqliteStatementCache.Instance.Keep(Fresh());
        Assert.NotSame(first, second); // the first is still in use
        await first.DisposeAsync();
        await second.DisposeAsync();
        var third = SqliteStatementCache.Instance.Keep(Fresh());
        Assert.Same(first, third);
        Assert.Equal(inside[0] + 3, Convert.ToInt64(await third.ExecuteScalarAsync()));
        await third.DisposeAsync();
        await db.Database.CloseConnectionAsync();
        await tx.CommitAsync();
        Assert.Equal([inside[0], inside[0] + 1, inside[0] + 2], inside);
    }

    [Fact]
    public async Task TheSameStatement_RunWhileItsReaderIsOpen_GetsACommandOfItsOwn()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var ids = await SeedAsync(prefix, 4);
        var recorder = new Recorder();
        await using var db = Context(recorder);
        await using var tx = await db.Database.BeginTransactionAsync();
        var query = db.Customers.AsNoTracking().Where(c => c.Name.StartsWith(prefix)).OrderBy(c => c.Id).Select(c => c.Id);

        var outer = new List<long>();
        await foreach (var id in query.AsAsyncEnumerable())
        {
            outer.Add(id);
            Assert.Equal(ids, await query.ToListAsync()); // same SQL text, while the outer reader is still open
        }
        Assert.Equal(ids, outer);
        Assert.Equal(ids, await query.ToListAsync()); // and the kept command is free again afterwards
        await tx.CommitAsync();
        Assert.Equal(6, recorder.Executed.Count);
        Assert.Equal(5, recorder.Executed.Distinct().Count()); // the outer's and the last reuse one kept command
    }

    [Fact]
    public async Task AFailedStatement_CanRunAgain_InTheSameTransaction()
    {
        await using var db = Context(new Recorder());
        await using var tx = await db.Database.BeginTransactionAsync();
        var address = $"dup-{Guid.NewGuid():N}@example.kr";
        var first = new Customer("첫 고객", DateTime.UtcNow);
        first.AddEmail(address);
        db.Customers.Add(first);
        await db.SaveChangesAsync();

        await tx.CreateSavepointAsync("s");
        var clash = new Customer("같은 주소", DateTime.UtcNow);
        clash.AddEmail(address);
        db.Customers.Add(clash);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        await tx.RollbackToSavepointAsync("s");
        db.ChangeTracker.Clear();

        var other = new Customer("다른 고객", DateTime.UtcNow);
        other.AddEmail($"ok-{Guid.NewGuid():N}@example.kr");
        db.Customers.Add(other);
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        await using var check = Context(new Recorder());
        Assert.Equal(1, await check.CustomerEmails.CountAsync(e => e.Address == address));
        Assert.True(await check.Customers.AnyAsync(c => c.Id == other.Id));
    }
}
