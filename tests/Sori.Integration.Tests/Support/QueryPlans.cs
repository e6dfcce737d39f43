using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sori.Core.Data;

namespace Sori.Integration.Tests.Support;

/// <summary>A statement as EF sent it: its SQL and its parameters' names and values.</summary>
public sealed record SentStatement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)
{
    public static SentStatement Of(DbCommand command) =>
        new(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList());
}

/// <summary>How the database would run a statement: SQLite's query plan, PostgreSQL's generic plan.</summary>
public static class QueryPlans
{
    /// <summary>SQLite's EXPLAIN QUERY PLAN lines for the statement, with its parameters bound.</summary>
    public static async Task<List<string>> Sqlite(SoriDbContext db, SentStatement statement)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + statement.Sql;
            foreach (var (name, value) in statement.Parameters) explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            var lines = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
            return lines;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Full scans of stored tables in a SQLite plan: a "SCAN x" line whose x is not a subquery of the
    /// statement itself (a co-routine or a materialized view, which SQLite also reads with SCAN).
    /// </summary>
    public static List<string> SqliteTableScans(IReadOnlyList<string> plan)
    {
        var subqueries = plan.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^(?:CO-ROUTINE|MATERIALIZE) (\S+)"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        return plan.Where(l => System.Text.RegularExpressions.Regex.Match(l, @"^SCAN (\S+)") is { Success: true } m
                               && !subqueries.Contains(m.Groups[1].Value)).ToList();
    }

    /// <summary>PostgreSQL's EXPLAIN ANALYZE of a query, prepared with its parameters and planned as a generic plan.</summary>
    public static async Task<string> PostgresGeneric<T>(SoriDbContext db, IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        return await PostgresGeneric(db, SentStatement.Of(command));
    }

    /// <summary>
    /// PostgreSQL's EXPLAIN ANALYZE of the statement, prepared with its parameters and planned as a
    /// generic plan: the plan PostgreSQL may keep for a statement Npgsql prepared, made without the
    /// parameters' values.
    /// </summary>
    public static async Task<string> PostgresGeneric(SoriDbContext db, SentStatement statement)
    {
        var names = statement.Parameters.Select(p => p.Name).ToList();
        var sql = statement.Sql;
        // Longest names first, so that @p1 does not eat the start of @p10.
        foreach (var name in names.OrderByDescending(n => n.Length))
            sql = sql.Replace(name.StartsWith('@') ? name : "@" + name, "$" + (names.IndexOf(name) + 1), StringComparison.Ordinal);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await Execute(connection, "SET plan_cache_mode = force_generic_plan");
            await Execute(connection, $"PREPARE generic_plan_under_test AS {sql}");
            // EXPLAIN takes no bind parameters: the values go in as literals (they do not shape a generic plan).
            var arguments = string.Join(", ", statement.Parameters.Select(p => Literal(p.Value)));
            await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, COSTS OFF) EXECUTE generic_plan_under_test({arguments})", connection);
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
                while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
            return string.Join('\n', lines);
        }
        finally
        {
            await Execute(connection, "DEALLOCATE generic_plan_under_test; RESET plan_cache_mode");
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Literal(object? value) => value switch
    {
        string s => "'" + s.Replace("'", "''") + "'",
        IEnumerable<string> list => "ARRAY[" + string.Join(", ", list.Select(Literal)) + "]::text[]",
        long or int => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        IEnumerable<long> list => "ARRAY[" + string.Join(", ", list) + "]::bigint[]",
        Guid g => $"'{g}'::uuid",
        DateTime d => $"'{d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture)}'::timestamp",
        _ => throw new NotSupportedException($"No literal for {value?.GetType().Name ?? "null"} in this test."),
    };

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var c = new NpgsqlCommand(sql, connection);
        await c.ExecuteNonQueryAsync();
    }
}

/// <summary>Records the statements EF sends, from every context of the process, while it is alive.</summary>
public sealed class StatementRecorder : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(DbContext Context, SentStatement Statement)> _sent = new();
    private readonly EfEvents _events;

    private StatementRecorder() =>
        _events = new EfEvents((name, data) =>
        {
            if (name == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuting.Name
                && data is Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData { Context: { } context, Command: var command })
                _sent.Enqueue((context, SentStatement.Of(command)));
        });

    /// <summary>Starts recording. EF checks whether anyone listens at most once a second (its logging cache time), so this waits that long.</summary>
    public static async Task<StatementRecorder> StartAsync()
    {
        var recorder = new StatementRecorder();
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        return recorder;
    }

    /// <summary>The statements one context sent since the last <see cref="Clear"/>; a pooled context may come back in a later scope.</summary>
    public List<SentStatement> Of(DbContext db) => _sent.Where(s => ReferenceEquals(s.Context, db)).Select(s => s.Statement).ToList();

    public void Clear() => _sent.Clear();

    public void Dispose() => _events.Dispose();
}
