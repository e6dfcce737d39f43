namespace Sori.Core.Data;

/// <summary>
/// A value read from the database for the paths that need it with every message or request, shared by
/// the whole process and read again once it is older than its maximum age. The use cases of this
/// process that change what it holds call <see cref="Invalidate"/> after they commit; a change made on
/// another node is seen within the maximum age. The value is shared: read it, never change it.
/// </summary>
public sealed class DatabaseSnapshot<T>(TimeProvider clock, TimeSpan maxAge, Func<SoriDbContext, CancellationToken, Task<T>> read)
    where T : class
{
    private sealed record Entry(T Value, DateTimeOffset ReadAt);

    private Entry? _current;
    private long _version;

    /// <summary>The current value, and whether it was read by this call (so reading again would tell nothing new).</summary>
    public async ValueTask<(T Value, bool Fresh)> GetAsync(SoriDbContext db, CancellationToken ct)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && clock.GetUtcNow() - current.ReadAt < maxAge) return (current.Value, false);
        return (await ReadAsync(db, ct), true);
    }

    /// <summary>Reads the value now (something the last read did not know may have appeared on another node) and keeps it.</summary>
    public async Task<T> ReadAsync(SoriDbContext db, CancellationToken ct)
    {
        var version = Interlocked.Read(ref _version);
        var current = Volatile.Read(ref _current);
        var fresh = new Entry(await read(db, ct), clock.GetUtcNow());
        // A value read while it changed may predate the change: it serves this call only.
        if (Interlocked.Read(ref _version) == version && Interlocked.CompareExchange(ref _current, fresh, current) == current
            && Interlocked.Read(ref _version) != version)
            Interlocked.CompareExchange(ref _current, null, fresh); // invalidated while it was being stored
        return fresh.Value;
    }

    /// <summary>Called by the use cases that change what the value holds, after they commit.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        Volatile.Write(ref _current, null);
    }
}
