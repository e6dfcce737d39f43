using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sori.Infrastructure.Database;

/// <summary>
/// Reuses SQLite's compiled statements within a transaction. Microsoft.Data.Sqlite compiles the SQL of
/// every new command (<c>sqlite3_prepare</c>: tokenizer, parser, code generator) and keeps the result
/// only on that command, while EF Core makes a new command for each statement and disposes it after.
/// A write batch runs the same few statements for every unit in it (the same INSERTs, the same
/// duplicate check), so compiling them once per transaction instead of once per unit shortens the
/// serial write section (ADR-006).
/// <para>
/// Per open connection, the first command with a given SQL text is kept and handed to EF inside a
/// <see cref="KeptCommand"/>, whose disposal only frees it; the same text later in the transaction gets
/// it again, with the new command's parameters. A kept command still in use (a reader open on it) is not
/// handed out twice. Closing the connection disposes its commands (Microsoft.Data.Sqlite does that
/// itself), and the cache is dropped with it. Commands outside a transaction are left alone: EF opens
/// and closes the connection around each of them, so there would be nothing to reuse.
/// </para>
/// </summary>
public sealed class SqliteStatementCache : DbCommandInterceptor
{
    public static readonly SqliteStatementCache Instance = new();

    /// <summary>Distinct statements kept per connection; past it new texts run uncached.</summary>
    public const int MaxPerConnection = 128;

    private readonly ConditionalWeakTable<DbConnection, Kept> _byConnection = new();

    private SqliteStatementCache() { }

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result) => Keep(result);

    /// <summary>
    /// The kept command for this one's text when there is one free (and this one disposed), else this one,
    /// kept from now on. EF's commands come through <see cref="CommandInitialized"/>; SQL that Sori runs
    /// itself on a context's connection and transaction (the ticket-number counter) comes here directly,
    /// so it too is compiled once per batch rather than once per ticket.
    /// </summary>
    public DbCommand Keep(DbCommand result)
    {
        if (result is not SqliteCommand fresh || fresh.Transaction is null || fresh.Connection is not { State: ConnectionState.Open } connection)
            return result;
        var kept = _byConnection.GetValue(connection, c => new Kept(c));
        if (!kept.Commands.TryGetValue(fresh.CommandText, out var entry))
        {
            if (kept.Commands.Count >= MaxPerConnection) return fresh;
            kept.Commands[fresh.CommandText] = entry = new KeptCommand(fresh);
        }
        else
        {
            if (entry.InUse) return fresh;
            var parameters = fresh.Parameters.Cast<SqliteParameter>().ToArray();
            fresh.Parameters.Clear();
            fresh.Dispose();
            entry.Inner.Parameters.Clear();
            foreach (var p in parameters) entry.Inner.Parameters.Add(p);
            entry.Inner.Transaction = fresh.Transaction;
            entry.Inner.CommandTimeout = fresh.CommandTimeout;
        }
        entry.InUse = true;
        return entry;
    }

    /// <summary>The kept commands of one connection, forgotten when it closes (which disposes them).</summary>
    private sealed class Kept
    {
        public readonly Dictionary<string, KeptCommand> Commands = new(StringComparer.Ordinal);

        public Kept(DbConnection connection) =>
            connection.StateChange += (_, e) =>
            {
                if (e.CurrentState != ConnectionState.Open) Commands.Clear();
            };
    }

    /// <summary>A kept <see cref="SqliteCommand"/> as EF sees it: everything goes to it, but disposing only frees it for the next use.</summary>
    private sealed class KeptCommand(SqliteCommand inner) : DbCommand
    {
        public SqliteCommand Inner { get; } = inner;
        public bool InUse { get; set; }

        [AllowNull]
        public override string CommandText
        {
            get => Inner.CommandText;
            set
            {
                if (!string.Equals(value, Inner.CommandText, StringComparison.Ordinal))
                    throw new InvalidOperationException("A kept SQLite statement cannot change its text.");
            }
        }

        public override int CommandTimeout { get => Inner.CommandTimeout; set => Inner.CommandTimeout = value; }
        public override CommandType CommandType { get => Inner.CommandType; set => Inner.CommandType = value; }
        public override UpdateRowSource UpdatedRowSource { get => Inner.UpdatedRowSource; set => Inner.UpdatedRowSource = value; }
        public override bool DesignTimeVisible { get => Inner.DesignTimeVisible; set => Inner.DesignTimeVisible = value; }
        protected override DbConnection? DbConnection { get => Inner.Connection; set => Inner.Connection = (SqliteConnection?)value; }
        protected override DbParameterCollection DbParameterCollection => Inner.Parameters;
        protected override DbTransaction? DbTransaction { get => Inner.Transaction; set => Inner.Transaction = (SqliteTransaction?)value; }

        public override void Cancel() => Inner.Cancel();
        public override int ExecuteNonQuery() => Inner.ExecuteNonQuery();
        public override object? ExecuteScalar() => Inner.ExecuteScalar();
        public override void Prepare() => Inner.Prepare();
        protected override DbParameter CreateDbParameter() => Inner.CreateParameter();
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Inner.ExecuteReader(behavior);
        public override Task<int> ExecuteNonQueryAsync(CancellationToken ct) => Inner.ExecuteNonQueryAsync(ct);
        public override Task<object?> ExecuteScalarAsync(CancellationToken ct) => Inner.ExecuteScalarAsync(ct);

        protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken ct) =>
            await Inner.ExecuteReaderAsync(behavior, ct);

        protected override void Dispose(bool disposing)
        {
            // Not base.Dispose: the statement stays compiled for the next use in this transaction.
            if (!disposing) return;
            Inner.Parameters.Clear();
            InUse = false;
        }

        public override ValueTask DisposeAsync()
        {
            Dispose(true);
            return ValueTask.CompletedTask;
        }
    }
}
