using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Infrastructure.Database;

/// <summary>SQLite has no sequences: bump a counter row inside the caller's transaction (writers are serialized anyway).</summary>
public sealed class SqliteTicketNumberAllocator(SoriDbContext db) : ITicketNumberAllocator
{
    public async Task<long> NextAsync(CancellationToken ct)
    {
        var values = await db.Database
            .SqlQueryRaw<long>("UPDATE \"Counters\" SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = 'ticket_number' RETURNING \"Value\" AS \"Value\"")
            .ToListAsync(ct);
        return values.Single();
    }
}

/// <summary>PostgreSQL: a real sequence, so concurrent transactions never wait on each other for a number.</summary>
public sealed class PostgresTicketNumberAllocator(SoriDbContext db) : ITicketNumberAllocator
{
    public async Task<long> NextAsync(CancellationToken ct)
    {
        var values = await db.Database.SqlQueryRaw<long>($"SELECT nextval('{SoriDbContext.TicketNumberSequence}') AS \"Value\"").ToListAsync(ct);
        return values.Single();
    }
}
