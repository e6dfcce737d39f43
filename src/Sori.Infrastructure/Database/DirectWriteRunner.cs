using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Infrastructure.Database;

/// <summary>
/// PostgreSQL: each unit runs in its own transaction on the caller's context. Two transactions that
/// insert the same new unique value (two first tickets from one new address, one mail delivered twice)
/// race, and so do two that change one row guarded by a concurrency token (two mails joining one
/// ticket); the loser runs again once, on a clean context, and then finds the winner's row.
/// </summary>
public sealed class DirectWriteRunner(SoriDbContext db) : IWriteRunner
{
    public async Task<T> RunAsync<T>(WriteUnit<T> unit, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await unit(db, ct);
        // A failing unit rolls back whole, so EF's savepoint around each SaveChanges would only add
        // two round trips per save.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                try
                {
                    var result = await unit(db, ct);
                    await tx.CommitAsync(ct);
                    return result;
                }
                catch (Exception e) when (attempt == 1 && (UniqueViolation.Is(e) || e is DbUpdateConcurrencyException))
                {
                    await tx.RollbackAsync(CancellationToken.None);
                    db.ChangeTracker.Clear();
                }
            }
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }
}
