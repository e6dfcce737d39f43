using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sori.Core;
using Sori.Core.Data;
using Sori.Infrastructure.Database;

namespace Sori.Testing;

/// <summary>
/// A fresh, migrated database per test class on one provider. PostgreSQL comes from the throwaway
/// cluster that ./test.sh starts (SORI_TEST_POSTGRES); each class gets its own database in it.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }
    public string ConnectionString { get; protected set; } = "";
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("sori-test-").FullName;

    public ServiceProvider CreateServices(Action<IServiceCollection>? configure = null, TimeProvider? clock = null, Action<DatabaseOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null) services.AddSingleton(clock);
        services.AddSoriCore();
        var databaseOptions = new DatabaseOptions { Provider = Provider, ConnectionString = ConnectionString };
        options?.Invoke(databaseOptions);
        services.AddSoriDatabase(databaseOptions, DataDirectory);
        configure?.Invoke(services);
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Leave the database without a schema (tests of migrating itself).</summary>
    public bool Empty { get; init; }

    public async Task InitializeAsync()
    {
        await CreateAsync();
        if (Empty) return;
        await using var sp = CreateServices();
        await using var scope = sp.CreateAsyncScope();
        // As Sori starts: the baseline script on an empty database (MigrationBaselineTests compares it with the migrations).
        await DatabaseSchema.MigrateAsync(scope.ServiceProvider.GetRequiredService<SoriDbContext>());
    }

    public virtual Task DisposeAsync()
    {
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    protected abstract Task CreateAsync();
}

public sealed class SqliteDatabase : TestDatabase
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task CreateAsync()
    {
        ConnectionString = $"Data Source={Path.Combine(DataDirectory, "sori.db")}";
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }
}

public sealed class PostgresDatabase : TestDatabase
{
    private string _name = "";
    private string _admin = "";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SORI_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "SORI_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts a throwaway PostgreSQL.");

    protected override async Task CreateAsync()
    {
        _admin = ServerConnectionString;
        _name = "sori_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {_name}", conn);
        await cmd.ExecuteNonQueryAsync();
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _name }.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
        await base.DisposeAsync();
    }
}
