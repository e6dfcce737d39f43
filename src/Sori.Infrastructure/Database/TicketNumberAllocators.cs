using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Infrastructure.Database;

/// <summary>
/// SQLite has no sequences: bump a counter row inside the caller's transaction (writers are serialized
/// anyway). The statement is kept compiled for the rest of the transaction, like EF's own
/// (<see cref="SqliteStatementCache"/>): a write batch numbers every ticket in it.
/// </summary>
public sealed class SqliteTicketNumberAllocator : ITicketNumberAllocator
{
    private const string Sql = "UPDATE \"Counters\" SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = 'ticket_number' RETURNING \"Value\"";

    public async Task<NewTicketKeys> NextAsync(SoriDbContext db, CancellationToken ct, bool newRequester = false) =>
        new((await RawSql.ValuesAsync(db, Sql, ct, SqliteStatementCache.Instance.Keep))[0]);
}

/// <summary>
/// PostgreSQL: a real sequence, so concurrent transactions never wait on each other for a number; the
/// keys of the ticket, its first message and a new requester come from their identity sequences in the
/// same round trip (<see cref="NewTicketKeys.ApplyTo"/>), as the inserts would have drawn them.
/// </summary>
public sealed class PostgresTicketNumberAllocator : ITicketNumberAllocator
{
    private const string Sql = $"SELECT nextval('{SoriDbContext.TicketNumberSequence}'), "
        + "nextval(pg_get_serial_sequence('\"Tickets\"', 'Id')), nextval(pg_get_serial_sequence('\"Messages\"', 'Id'))";
    private const string WithRequesterSql = Sql + ", nextval(pg_get_serial_sequence('\"Customers\"', 'Id'))";

    public async Task<NewTicketKeys> NextAsync(SoriDbContext db, CancellationToken ct, bool newRequester = false)
    {
        var values = await RawSql.ValuesAsync(db, newRequester ? WithRequesterSql : Sql, ct);
        return new NewTicketKeys(values[0], values[1], values[2], newRequester ? values[3] : null);
    }
}

internal static class RawSql
{
    /// <summary>
    /// One statement's single row, on the context's own connection and transaction, without a LINQ query
    /// around it. <paramref name="keep"/> may swap the new command for a kept, compiled one.
    /// </summary>
    public static async Task<long[]> ValuesAsync(SoriDbContext db, string sql, CancellationToken ct, Func<DbCommand, DbCommand>? keep = null)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var fresh = db.Database.GetDbConnection().CreateCommand();
            fresh.CommandText = sql;
            fresh.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var cmd = keep is null ? fresh : keep(fresh);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The statement returned no row: " + sql);
            var values = new long[reader.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = Convert.ToInt64(reader.GetValue(i));
            return values;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
