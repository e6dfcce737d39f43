namespace Sori.Infrastructure.Database;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Bound from the "Sori:Database" section (env: Sori__Database__Provider, Sori__Database__ConnectionString).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Sori:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Defaults to "Data Source=data/sori.db" for SQLite; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up (on by default; turn off to run <c>sori migrate</c> yourself).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public string EffectiveConnectionString(string dataDirectory) => Provider switch
    {
        DatabaseProvider.Sqlite => string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.Combine(dataDirectory, "sori.db")}"
            : ConnectionString,
        _ => string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new InvalidOperationException(
                "Sori:Database:ConnectionString is required when Sori:Database:Provider is Postgres " +
                "(set Sori__Database__ConnectionString).")
            : ConnectionString,
    };
}
