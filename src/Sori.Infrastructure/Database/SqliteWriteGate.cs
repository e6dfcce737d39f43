using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sori.Infrastructure.Database;

/// <summary>
/// SQLite allows one writer at a time; writers that collide fall back to SQLite's busy handler,
/// which sleeps in steps up to 100 ms and ruins tail latency under load. This gate queues writers
/// in-process instead (FIFO, no sleeping): a write transaction, or a write statement outside one,
/// holds the gate until it commits, rolls back, fails or its connection closes. Reads never wait.
/// </summary>
public sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor, IDbCommandInterceptor
{
    /// <summary>Past this wait the request fails with 503 instead of queueing forever.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<DbConnection, long> _holders = new(); // connection → when it took the gate
    private readonly ConcurrentDictionary<DbCommand, DbConnection> _statements = new();
    private readonly ConcurrentDictionary<DbTransaction, DbConnection> _transactions = new();

    // --- transactions -----------------------------------------------------------------------
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData e, InterceptionResult<DbTransaction> result)
    {
        var start = Stopwatch.GetTimestamp();
        if (!_gate.Wait(WaitLimit)) throw Busy();
        Acquired(connection, start);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData e,
        InterceptionResult<DbTransaction> result, CancellationToken ct = default)
    {
        var start = Stopwatch.GetTimestamp();
        if (!await _gate.WaitAsync(WaitLimit, ct)) throw Busy();
        Acquired(connection, start);
        return result;
    }

    // The transaction loses its connection once it ends, so remember which connection it had.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData e, DbTransaction result)
    {
        _transactions[result] = connection;
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData e, DbTransaction result, CancellationToken ct = default)
    {
        _transactions[result] = connection;
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData e) => End(transaction);
    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData e, CancellationToken ct = default) => Ended(transaction);
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData e) => End(transaction);
    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData e, CancellationToken ct = default) => Ended(transaction);
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData e) => End(transaction);
    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData e, CancellationToken ct = default) => Ended(transaction);

    private void End(DbTransaction transaction)
    {
        if (_transactions.TryRemove(transaction, out var connection)) Release(connection);
    }

    private Task Ended(DbTransaction transaction)
    {
        End(transaction);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback ends when EF closes its connection.
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData e, InterceptionResult result)
    {
        Release(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData e, InterceptionResult result)
    {
        Release(connection);
        return ValueTask.FromResult(result);
    }

    // --- single write statements outside a transaction (ExecuteUpdate, raw SQL) -------------
    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData e, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (IsLoneWrite(command)) await EnterStatementAsync(command, ct);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData e, InterceptionResult<int> result)
    {
        if (IsLoneWrite(command)) EnterStatementAsync(command, default).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData e, int result) { ExitStatement(command); return result; }
    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData e, int result, CancellationToken ct = default)
    { ExitStatement(command); return ValueTask.FromResult(result); }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData e, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        if (IsLoneWrite(command)) await EnterStatementAsync(command, ct);
        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData e, InterceptionResult<DbDataReader> result)
    {
        if (IsLoneWrite(command)) EnterStatementAsync(command, default).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData e, InterceptionResult result) { ExitStatement(command); return result; }
    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData e, InterceptionResult result)
    { ExitStatement(command); return ValueTask.FromResult(result); }
    public void CommandFailed(DbCommand command, CommandErrorEventData e) => ExitStatement(command);
    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData e, CancellationToken ct = default) { ExitStatement(command); return Task.CompletedTask; }

    private static TimeoutException Busy() => new($"The database stayed busy with other writes for {WaitLimit.TotalSeconds:0} s.");

    private bool IsLoneWrite(DbCommand command) =>
        command.Transaction is null && command.Connection is { } c && !_holders.ContainsKey(c) && !IsRead(command.CommandText);

    private static bool IsRead(string sql)
    {
        var s = sql.AsSpan().TrimStart();
        return s.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || s.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("WITH", StringComparison.OrdinalIgnoreCase) || s.StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase);
    }

    private async ValueTask EnterStatementAsync(DbCommand command, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        if (!await _gate.WaitAsync(WaitLimit, ct)) throw Busy();
        Acquired(command.Connection!, start);
        _statements[command] = command.Connection!;
    }

    private void ExitStatement(DbCommand command)
    {
        if (_statements.TryRemove(command, out var connection)) Release(connection);
    }

    private void Acquired(DbConnection connection, long waitStart)
    {
        DatabaseMetrics.Waited(waitStart);
        _holders[connection] = Stopwatch.GetTimestamp();
    }

    private void Release(DbConnection? connection)
    {
        if (connection is null || !_holders.TryRemove(connection, out var since)) return;
        DatabaseMetrics.Held(since);
        foreach (var (t, c) in _transactions) if (c == connection) _transactions.TryRemove(t, out _);
        _gate.Release();
    }
}
