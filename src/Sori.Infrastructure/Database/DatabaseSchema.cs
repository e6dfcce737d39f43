using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Infrastructure.Database;

public enum SchemaChange { UpToDate, Baseline, Migrated }

public static class DatabaseSchema
{
    /// <summary>
    /// Brings the schema to the newest migration: an empty database from the shipped baseline script
    /// (ADR-015), any other by the pending migrations. Cheap when nothing is pending: Migrate() would also
    /// diff the whole model against the last snapshot, which costs a good part of a second.
    /// </summary>
    public static async Task<SchemaChange> MigrateAsync(SoriDbContext db, CancellationToken ct = default)
    {
        if (await MigrationBaseline.TryApplyAsync(db, ct)) return SchemaChange.Baseline;
        if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any()) return SchemaChange.UpToDate;
        await db.Database.MigrateAsync(ct);
        return SchemaChange.Migrated;
    }
}
