using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Sori.Infrastructure.Database;

/// <summary>
/// Direct inserts on PostgreSQL (<see cref="DirectInsertDatabase"/>): the rows go to the server in as
/// few round trips as their keys allow, one <see cref="NpgsqlBatch"/> per round. A round holds every
/// row whose foreign keys are known; a row pointing at a new row whose key the server has yet to assign
/// (a new customer's address) waits for the next round, as in EF's own pipeline. A new ticket's keys are
/// drawn with its number (<see cref="PostgresTicketNumberAllocator"/>), so its rows go in one round.
/// Parameters are positional, which spares Npgsql rewriting the statements.
/// </summary>
public sealed class PostgresInsertDatabase(
    DatabaseDependencies dependencies, RelationalDatabaseDependencies relationalDependencies, ICurrentDbContext current)
    : DirectInsertDatabase(dependencies, relationalDependencies, current)
{
    private static readonly Func<int, string> Positional = static i => "$" + (i + 1).ToString(CultureInfo.InvariantCulture);

    private protected override Func<int, string> Placeholder => Positional;

    private protected override async Task<int> InsertAsync(InsertRow[] plan, bool async, CancellationToken ct)
    {
        var connection = RelationalDependencies.Connection;
        var npgsql = (NpgsqlConnection)connection.DbConnection;
        var transaction = (NpgsqlTransaction)connection.CurrentTransaction!.GetDbTransaction();
        using var factory = new NpgsqlCommand();
        var left = new List<InsertRow>(plan);
        var round = new List<InsertRow>(plan.Length);
        var waiting = new HashSet<(IEntityType, object)>();
        while (left.Count > 0)
        {
            // The rows are in table order, principals first: a row is ready when none of its foreign keys
            // still has a temporary value or points at a row that waits for a later round.
            round.Clear();
            waiting.Clear();
            left.RemoveAll(row =>
            {
                if (Waits(row, waiting))
                {
                    waiting.Add((row.Entry.EntityType.GetRootType(), KeyOf(row.Entry, row.Table.Key)));
                    return false;
                }
                round.Add(row);
                return true;
            });
            if (round.Count == 0) throw new InvalidOperationException("New rows point at each other's keys in a cycle.");
            await using var batch = new NpgsqlBatch(npgsql, transaction);
            foreach (var row in round)
            {
                var statement = new NpgsqlBatchCommand(row.Statement.Sql);
                foreach (var column in row.Statement.Columns)
                {
                    var p = (NpgsqlParameter)Parameter(row, column, factory);
                    p.ParameterName = ""; // positional: $1, $2, … in the statement
                    statement.Parameters.Add(p);
                }
                batch.BatchCommands.Add(statement);
            }
            try
            {
                await using var reader = async ? await batch.ExecuteReaderAsync(ct) : batch.ExecuteReader();
                // Npgsql moves past statements without a result: each RETURNING row comes in the next result set.
                var first = true;
                foreach (var row in round)
                {
                    if (!row.GeneratesKey) continue;
                    if (!first && !(async ? await reader.NextResultAsync(ct) : reader.NextResult()))
                        throw new InvalidOperationException("An insert returned no key.");
                    first = false;
                    if (!(async ? await reader.ReadAsync(ct) : reader.Read())) throw new InvalidOperationException("An insert returned no key.");
                    KeyAssigned(row, reader.GetValue(0));
                }
            }
            catch (PostgresException e)
            {
                var index = e.BatchCommand is { } failed ? batch.BatchCommands.IndexOf(failed) : -1;
                throw Failed(e, round[index >= 0 ? index : 0].Entry);
            }
        }
        return plan.Length;
    }

    /// <summary>Whether a row points at a new row whose key the server has not assigned yet, or that waits itself.</summary>
    private static bool Waits(InsertRow row, HashSet<(IEntityType, object)> waiting)
    {
        foreach (var fk in row.Table.ForeignKeys)
        {
            foreach (var p in fk.Properties)
                if (row.Entry.HasTemporaryValue(p)) return true;
            if (waiting.Count > 0 && fk.PrincipalKey.IsPrimaryKey() && fk.Properties.All(p => row.Entry.GetCurrentValue(p) is not null)
                && waiting.Contains((fk.PrincipalEntityType.GetRootType(), KeyOf(row.Entry, fk.Properties))))
                return true;
        }
        return false;
    }
}
