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

    /// <summary>
    /// PostgreSQL: how many write batches may be open at once (ADR-006), each on its own connection, so
    /// one batch's round trips overlap with another's. Writes for one customer always take the same lane.
    /// SQLite has a single writer, so it always uses one.
    /// </summary>
    public int WriteLanes { get; set; } = 4;

    /// <summary>
    /// Save new rows with Sori's own INSERTs instead of EF's update pipeline (<see cref="DirectInsertDatabase"/>).
    /// On by default; off saves everything through EF.
    /// </summary>
    public bool DirectInserts { get; set; } = true;

    public int EffectiveWriteLanes => Provider == DatabaseProvider.Sqlite ? 1 : Math.Clamp(WriteLanes, 1, 32);

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

    /// <summary>
    /// Sori repeats a few dozen statements (a ticket's inserts, the outbox's claims): Npgsql prepares
    /// those it has seen twice, which spares PostgreSQL parsing and planning them each time. A
    /// connection string that sets "Max Auto Prepare" itself (0 turns it off, e.g. behind an old
    /// PgBouncer in transaction mode) keeps its own value.
    /// <para>
    /// Sori keeps no session state on a connection (no SET, LISTEN, advisory locks or temporary
    /// tables), so a pooled connection is handed out again without Npgsql's reset ("No Reset On Close"):
    /// EF opens and returns a connection around nearly every query, and the reset (RESET ALL, CLOSE ALL,
    /// UNLISTEN, DISCARD …) went to the server before each one. A connection string that sets it keeps
    /// its own value.
    /// </para>
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!ContainsKey(connectionString, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
            if (!ContainsKey(connectionString, "Auto Prepare Min Usages")) builder.AutoPrepareMinUsages = 2;
        }
        if (!ContainsKey(connectionString, "No Reset On Close")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    private static bool ContainsKey(string connectionString, string key) =>
        connectionString.Replace(" ", "", StringComparison.Ordinal).Contains(key.Replace(" ", "", StringComparison.Ordinal) + "=", StringComparison.OrdinalIgnoreCase);
}
