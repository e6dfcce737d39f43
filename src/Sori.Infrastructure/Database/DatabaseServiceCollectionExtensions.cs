using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Data;
using Sori.Core.Outbox;
using Sori.Core.Tickets;

namespace Sori.Infrastructure.Database;

public static class DatabaseServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "Sori.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Sori.Migrations.Postgres";

    /// <summary>Registers a pooled <see cref="SoriDbContext"/> on the configured provider and its provider-specific services.</summary>
    public static IServiceCollection AddSoriDatabase(this IServiceCollection services, DatabaseOptions options, string dataDirectory)
    {
        var connectionString = options.EffectiveConnectionString(dataDirectory);
        if (options.Provider == DatabaseProvider.Sqlite) EnsureSqliteDirectory(connectionString);
        var gate = options.Provider == DatabaseProvider.Sqlite ? new SqliteWriteGate() : null;
        services.AddDbContextPool<SoriDbContext>(o => Configure(o, options.Provider, connectionString, gate, directInserts: options.DirectInserts), poolSize: 256);
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Sqlite) services.AddSingleton<ITicketNumberAllocator, SqliteTicketNumberAllocator>();
        else services.AddSingleton<ITicketNumberAllocator, PostgresTicketNumberAllocator>();
        services.AddSingleton<WriteBatcher>();
        services.AddSingleton<IWriteRunner>(sp => sp.GetRequiredService<WriteBatcher>());
        return services;
    }

    /// <param name="compiledModel">
    /// Use the generated model of <c>Sori.Migrations.*/CompiledModel</c> instead of building it at start-up
    /// (ADR-005). Off only for the design-time tool that generates migrations and that model.
    /// </param>
    /// <param name="directInserts">New rows through <see cref="DirectInsertDatabase"/> (<see cref="DatabaseOptions.DirectInserts"/>).</param>
    public static void Configure(DbContextOptionsBuilder o, DatabaseProvider provider, string connectionString, SqliteWriteGate? gate = null,
        bool compiledModel = true, bool directInserts = true)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            if (compiledModel) o.UseModel(Sori.Migrations.Sqlite.CompiledModel.SoriDbContextModel.Instance);
            o.UseSqlite(connectionString, s => s.MigrationsAssembly(SqliteMigrationsAssembly));
            o.AddInterceptors(SqlitePragmas.Instance, SqliteStatementCache.Instance);
            if (directInserts) o.ReplaceService<IDatabase, SqliteInsertDatabase>();
            if (gate is not null) o.AddInterceptors(gate);
        }
        else
        {
            if (compiledModel) o.UseModel(Sori.Migrations.Postgres.CompiledModel.SoriDbContextModel.Instance);
            o.UseNpgsql(DatabaseOptions.WithPostgresDefaults(connectionString), s => s.MigrationsAssembly(PostgresMigrationsAssembly));
            if (directInserts) o.ReplaceService<IDatabase, PostgresInsertDatabase>();
        }
        o.UseQueryTrackingBehavior(QueryTrackingBehavior.TrackAll);
        // A failing command or save throws to its caller, which handles it (a retried unique-index race,
        // a 409) or logs it (the request pipeline, the workers). EF logging it at error level as well
        // made every handled race look like an outage in the log.
        o.ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug))
            // Migrate() would otherwise diff the whole model against the last snapshot on every run (most
            // of a second of start-up); CompiledModelTests.Migrations_CoverTheModel checks at test time that none is missing.
            .Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal)) return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }
}
