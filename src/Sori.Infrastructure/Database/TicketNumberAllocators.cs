using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Infrastructure.Database;

/// <summary>SQLite has no sequences: bump a counter row inside the caller's transaction (writers are serialized anyway).</summary>
public sealed class SqliteTicketNumberAllocator : ITicketNumberAllocator
{
    public Task<long> NextAsync(SoriDbContext db, CancellationToken ct) =>
        RawSql.ScalarAsync(db, "UPDATE \"Counters\" SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = 'ticket_number' RETURNING \"Value\"", ct);
}

/// <summary>PostgreSQL: a real sequence, so concurrent transactions never wait on each other for a number.</summary>
public sealed class PostgresTicketNumberAllocator : ITicketNumberAllocator
{
    public Task<long> NextAsync(SoriDbContext db, CancellationToken ct) =>
        RawSql.ScalarAsync(db, $"SELECT nextval('{SoriDbContext.TicketNumberSequence}')", ct);
}

internal static class RawSql
{
    /// <summary>One statement on the context's own connection and transaction, without a LINQ query around it.</summary>
    public static async Task<long> ScalarAsync(SoriDbContext db, string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var value = await cmd.ExecuteScalarAsync(ct)
                        ?? throw new InvalidOperationException("The statement returned no value: " + sql);
            return Convert.ToInt64(value);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
