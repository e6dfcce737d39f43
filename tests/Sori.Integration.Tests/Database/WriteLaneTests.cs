using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Data;
using Sori.Infrastructure.Database;
using Sori.Testing;

namespace Sori.Integration.Tests.Database;

public sealed class WriteLaneTests_Sqlite(SqliteDatabase db) : WriteLaneTests(db), IClassFixture<SqliteDatabase>;
public sealed class WriteLaneTests_Postgres(PostgresDatabase db) : WriteLaneTests(db), IClassFixture<PostgresDatabase>;

/// <summary>Write lanes (ADR-006): PostgreSQL commits batches of different lanes at once; one affinity keeps to one lane; SQLite has one writer.</summary>
public abstract class WriteLaneTests(TestDatabase database)
{
    [Fact]
    public async Task UnitsOfOneAffinity_RunOneAfterAnother()
    {
        await using var services = database.CreateServices();
        var runner = services.GetRequiredService<IWriteRunner>();
        var log = new List<string>();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => runner.RunAsync(async (_, ct) =>
        {
            lock (log) log.Add($"start {i}");
            await Task.Delay(5, ct);
            lock (log) log.Add($"end {i}");
            return i;
        }, default, affinity: "same-customer@example.kr")));
        for (var k = 0; k < log.Count; k += 2)
            Assert.Equal(log[k].Replace("start", "end"), log[k + 1]);
    }

    [Fact]
    public async Task UnitsOfOtherLanes_OverlapOnPostgres_AndNotOnSqlite()
    {
        await using var services = database.CreateServices();
        var lanes = services.GetRequiredService<DatabaseOptions>().EffectiveWriteLanes;
        Assert.Equal(database.Provider == DatabaseProvider.Sqlite ? 1 : 4, lanes);
        var runner = services.GetRequiredService<IWriteRunner>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each unit waits (a while at most) for the other to have started: only parallel writers see both.
        async Task<bool> Meet(TaskCompletionSource mine, TaskCompletionSource other, CancellationToken ct)
        {
            mine.TrySetResult();
            return await Task.WhenAny(other.Task, Task.Delay(TimeSpan.FromSeconds(3), ct)) == other.Task;
        }
        var met = await Task.WhenAll(
            runner.RunAsync((_, ct) => Meet(first, second, ct), default),
            runner.RunAsync((_, ct) => Meet(second, first, ct), default));
        Assert.Equal(lanes > 1, met.All(m => m));
    }
}
