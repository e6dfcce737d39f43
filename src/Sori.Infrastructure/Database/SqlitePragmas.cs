using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sori.Infrastructure.Database;

/// <summary>
/// WAL journal (readers never block the writer), NORMAL sync (durable at checkpoints, safe against
/// application crashes), foreign keys on, and a busy timeout as the last line behind the write gate.
/// Pragmas are per physical connection, and Microsoft.Data.Sqlite pools those: they run once per
/// physical connection, not on every open, which EF does for nearly every query.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY;";

    private readonly ConditionalWeakTable<object, object> _configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsNew(connection)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (!IsNew(connection)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // The native handle outlives the SqliteConnection objects that borrow it from the pool.
    private bool IsNew(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return true;
        return _configured.TryAdd(handle, handle);
    }
}
