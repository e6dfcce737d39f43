using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Sori.Infrastructure.Database;

/// <summary>
/// Direct inserts on SQLite (<see cref="DirectInsertDatabase"/>): one statement per row, each table's
/// compiled once per transaction (<see cref="SqliteStatementCache"/>); a key SQLite assigns is read
/// back from the row's own statement. Microsoft.Data.Sqlite runs every statement synchronously (its
/// async methods only wrap that), so they run synchronously here too.
/// </summary>
public sealed class SqliteInsertDatabase(
    DatabaseDependencies dependencies, RelationalDatabaseDependencies relationalDependencies, ICurrentDbContext current)
    : DirectInsertDatabase(dependencies, relationalDependencies, current)
{
    private static readonly Func<int, string> Named = static i => "@p" + i.ToString(CultureInfo.InvariantCulture);

    private protected override Func<int, string> Placeholder => Named;

    private protected override Task<int> InsertAsync(InsertRow[] plan, bool async, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var connection = RelationalDependencies.Connection;
        var sqlite = (SqliteConnection)connection.DbConnection;
        var transaction = (SqliteTransaction)connection.CurrentTransaction!.GetDbTransaction();
        var commands = new Dictionary<InsertStatement, DbCommand>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var row in plan)
            {
                var statement = row.Statement;
                if (!commands.TryGetValue(statement, out var command))
                {
                    var fresh = sqlite.CreateCommand();
                    fresh.CommandText = statement.Sql;
                    fresh.Transaction = transaction;
                    commands[statement] = command = SqliteStatementCache.Instance.Keep(fresh);
                }
                var parameters = command.Parameters;
                parameters.Clear();
                foreach (var column in statement.Columns) parameters.Add(Parameter(row, column, command));
                try
                {
                    if (row.GeneratesKey) KeyAssigned(row, command.ExecuteScalar());
                    else command.ExecuteNonQuery();
                }
                catch (SqliteException e)
                {
                    throw Failed(e, row.Entry);
                }
            }
            return Task.FromResult(plan.Length);
        }
        finally
        {
            foreach (var command in commands.Values) command.Dispose();
        }
    }
}
