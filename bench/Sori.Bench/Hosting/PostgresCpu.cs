using Npgsql;

namespace Sori.Bench.Hosting;

/// <summary>
/// CPU used by a PostgreSQL cluster on this machine: its postmaster's children (backends, WAL
/// writer, checkpointer). With SQLite the database's work is inside Sori's own process, so only
/// with this added are the two providers' CPU per ticket comparable.
/// </summary>
public static class PostgresCpu
{
    /// <summary>A sampler of cumulative CPU seconds, or null when the server is not local (no /proc entry for our backend).</summary>
    public static async Task<Func<double?>?> SamplerAsync(string connectionString, CancellationToken ct)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(unpooled);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", conn);
        var backend = (int)(await cmd.ExecuteScalarAsync(ct))!;
        // A remote server's backend pid may name some unrelated local process; only trust a local postgres.
        if (ProcessCpu.Name(backend) != "postgres" || ProcessCpu.ParentPid(backend) is not { } postmaster) return null;
        return () => ProcessCpu.ChildrenSeconds(postmaster);
    }
}
