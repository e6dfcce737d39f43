using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Sori.Core;
using Sori.Core.Data;
using Sori.Infrastructure.Database;
using Sori.Testing;
using Xunit;

namespace Sori.Integration.Tests.Database;

public sealed class MigrationBaselineTests_Sqlite() : MigrationBaselineTests(DatabaseProvider.Sqlite);
public sealed class MigrationBaselineTests_Postgres() : MigrationBaselineTests(DatabaseProvider.Postgres);

/// <summary>
/// An empty database is created from the shipped baseline script (ADR-015) rather than migration by
/// migration. These prove the script is the migrations' own, gives the same schema, and steps aside
/// wherever it does not apply.
/// </summary>
public abstract class MigrationBaselineTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly List<TestDatabase> _databases = [];

    [Fact]
    public async Task ShippedBaseline_IsTheScriptOfTheMigrations()
    {
        await using var db = Context(await EmptyAsync());
        var shipped = MigrationBaseline.Shipped(db);
        Assert.NotNull(shipped);
        // Not Assert.Equal: a 50 kB diff helps nobody; the message says what to run.
        Assert.True(shipped == MigrationBaseline.Generate(db),
            "Migrations/baseline.sql no longer matches the migrations; run `dotnet run --project tools/Sori.MigrationTool -- baseline`.");
    }

    [Fact]
    public async Task EmptyDatabase_GetsTheSameSchemaAsMigratingOneByOne()
    {
        var migrated = await EmptyAsync();
        await using (var db = Context(migrated)) await db.Database.MigrateAsync();
        var baseline = await EmptyAsync();
        await using (var db = Context(baseline)) Assert.Equal(SchemaChange.Baseline, await DatabaseSchema.MigrateAsync(db));

        var expected = await SchemaAsync(migrated);
        Assert.True(expected.Count > 50, "the schema dump found too little to compare");
        Assert.Equal(expected, await SchemaAsync(baseline));
        await using (var db = Context(baseline))
        {
            Assert.Equal(db.GetService<IMigrationsAssembly>().Migrations.Keys, await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(SchemaChange.UpToDate, await DatabaseSchema.MigrateAsync(db));
            // The schema takes data.
            db.Customers.Add(new Sori.Core.Customers.Customer("기준선 고객", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task PartlyMigratedDatabase_IsMigratedTheUsualWay()
    {
        var partly = await EmptyAsync();
        await using var db = Context(partly);
        var first = db.GetService<IMigrationsAssembly>().Migrations.Keys.First();
        await db.GetService<IMigrator>().MigrateAsync(first);

        Assert.Equal(SchemaChange.Migrated, await DatabaseSchema.MigrateAsync(db));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var migrated = await EmptyAsync();
        await using (var reference = Context(migrated)) await reference.Database.MigrateAsync();
        Assert.Equal(await SchemaAsync(migrated), await SchemaAsync(partly));
    }

    [Fact]
    public async Task TwoProcessesStartingOnOneEmptyDatabase_BothEndUpToDate()
    {
        var shared = await EmptyAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var db = Context(shared);
            return await DatabaseSchema.MigrateAsync(db);
        }));
        Assert.Contains(SchemaChange.Baseline, results);
        await using var check = Context(shared);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(check.GetService<IMigrationsAssembly>().Migrations.Count, (await check.Database.GetAppliedMigrationsAsync()).Count());
    }

    private async Task<TestDatabase> EmptyAsync()
    {
        TestDatabase db = provider == DatabaseProvider.Sqlite ? new SqliteDatabase { Empty = true } : new PostgresDatabase { Empty = true };
        _databases.Add(db);
        await db.InitializeAsync();
        return db;
    }

    private static SoriDbContext Context(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<SoriDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, database.Provider, database.ConnectionString);
        return new SoriDbContext(options.Options);
    }

    /// <summary>Every table, column, index, constraint, sequence, trigger and function, as the database describes them.</summary>
    private async Task<List<string>> SchemaAsync(TestDatabase database)
    {
        await using var db = Context(database);
        var sql = provider == DatabaseProvider.Sqlite
            ? """
              SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') FROM sqlite_master
              WHERE name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsLock' -- EF's lock, made by Migrate() as it needs it
              """
            : """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                || ' ' || coalesce(character_maximum_length::text, '') || ' ' || ordinal_position || ' ' || is_identity
              FROM information_schema.columns WHERE table_schema = 'public'
              UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
              UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace
              UNION ALL SELECT 'sequence ' || sequence_name || ' ' || start_value || ' ' || increment FROM information_schema.sequences WHERE sequence_schema = 'public'
              UNION ALL SELECT 'trigger ' || event_object_table || ' ' || trigger_name || ' ' || action_timing || ' ' || event_manipulation || ' ' || action_statement
                FROM information_schema.triggers WHERE trigger_schema = 'public'
              UNION ALL SELECT 'function ' || p.proname || ' ' || pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
              """;
        var rows = new List<string>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var db in _databases) await db.DisposeAsync();
    }
}
