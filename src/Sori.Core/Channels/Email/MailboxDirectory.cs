using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

/// <summary>
/// The desk's mailboxes as last read, for the paths that read them with every message: the drop
/// endpoint (which mailbox, is it active), the inbound loop filter (the desk's own addresses) and the
/// acknowledgement (does any mailbox send one). One query fills it for all of them. This process's
/// mailbox use cases clear it as they commit; a change made on another node is seen within
/// <see cref="MaxAge"/>. The mailboxes it hands out are detached snapshots: read them, never change them.
/// </summary>
public sealed class MailboxDirectory(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private sealed record Snapshot(IReadOnlyDictionary<long, Mailbox> ById, IReadOnlySet<string> Addresses, bool AnyAcknowledges, DateTimeOffset ReadAt);

    private Snapshot? _current;
    private long _version;

    /// <summary>The mailbox, read again when the snapshot does not know it (created on another node a moment ago).</summary>
    public async Task<Mailbox?> FindAsync(SoriDbContext db, long id, CancellationToken ct)
    {
        var (snapshot, fresh) = await CurrentAsync(db, ct);
        if (snapshot.ById.TryGetValue(id, out var mailbox) || fresh) return mailbox;
        return (await ReadAsync(db, Interlocked.Read(ref _version), null, ct)).ById.GetValueOrDefault(id);
    }

    /// <summary>Every mailbox's address, normalized as stored: mail from one of them is the desk's own.</summary>
    public async Task<IReadOnlySet<string>> OwnAddressesAsync(SoriDbContext db, CancellationToken ct) =>
        (await CurrentAsync(db, ct)).Snapshot.Addresses;

    /// <summary>Whether any active mailbox acknowledges new tickets, so the acknowledgement can skip its look-ups when none does.</summary>
    public async Task<bool> AnyAcknowledgesAsync(SoriDbContext db, CancellationToken ct) =>
        (await CurrentAsync(db, ct)).Snapshot.AnyAcknowledges;

    /// <summary>Called by the use cases that create, change or delete a mailbox, after they commit.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        Volatile.Write(ref _current, null);
    }

    private async Task<(Snapshot Snapshot, bool Fresh)> CurrentAsync(SoriDbContext db, CancellationToken ct)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && clock.GetUtcNow() - current.ReadAt < MaxAge) return (current, false);
        return (await ReadAsync(db, Interlocked.Read(ref _version), current, ct), true);
    }

    private async Task<Snapshot> ReadAsync(SoriDbContext db, long version, Snapshot? current, CancellationToken ct)
    {
        current ??= Volatile.Read(ref _current);
        var mailboxes = await db.Mailboxes.AsNoTracking().ToListAsync(ct);
        var fresh = new Snapshot(
            mailboxes.ToDictionary(m => m.Id),
            mailboxes.Select(m => m.Address).ToHashSet(StringComparer.Ordinal),
            mailboxes.Any(m => m is { AutoAcknowledge: true, IsActive: true }),
            clock.GetUtcNow());
        // A snapshot read while a mailbox changed may predate the change: use it for this call only.
        if (Interlocked.Read(ref _version) == version && Interlocked.CompareExchange(ref _current, fresh, current) == current
            && Interlocked.Read(ref _version) != version)
            Interlocked.CompareExchange(ref _current, null, fresh); // invalidated while it was being stored
        return fresh;
    }
}
