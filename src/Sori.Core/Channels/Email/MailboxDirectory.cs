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

    private sealed record Snapshot(IReadOnlyDictionary<long, Mailbox> ById, IReadOnlySet<string> Addresses, bool AnyAcknowledges);

    private readonly DatabaseSnapshot<Snapshot> _snapshot = new(clock, MaxAge, ReadAsync);

    /// <summary>The mailbox, read again when the snapshot does not know it (created on another node a moment ago).</summary>
    public async Task<Mailbox?> FindAsync(SoriDbContext db, long id, CancellationToken ct)
    {
        var (snapshot, fresh) = await _snapshot.GetAsync(db, ct);
        if (snapshot.ById.TryGetValue(id, out var mailbox) || fresh) return mailbox;
        return (await _snapshot.ReadAsync(db, ct)).ById.GetValueOrDefault(id);
    }

    /// <summary>Every mailbox's address, normalized as stored: mail from one of them is the desk's own.</summary>
    public async Task<IReadOnlySet<string>> OwnAddressesAsync(SoriDbContext db, CancellationToken ct) =>
        (await _snapshot.GetAsync(db, ct)).Value.Addresses;

    /// <summary>Whether any active mailbox acknowledges new tickets, so the acknowledgement can skip its look-ups when none does.</summary>
    public async Task<bool> AnyAcknowledgesAsync(SoriDbContext db, CancellationToken ct) =>
        (await _snapshot.GetAsync(db, ct)).Value.AnyAcknowledges;

    /// <summary>Called by the use cases that create, change or delete a mailbox, after they commit.</summary>
    public void Invalidate() => _snapshot.Invalidate();

    private static async Task<Snapshot> ReadAsync(SoriDbContext db, CancellationToken ct)
    {
        var mailboxes = await db.Mailboxes.AsNoTracking().ToListAsync(ct);
        return new Snapshot(
            mailboxes.ToDictionary(m => m.Id),
            mailboxes.Select(m => m.Address).ToHashSet(StringComparer.Ordinal),
            mailboxes.Any(m => m is { AutoAcknowledge: true, IsActive: true }));
    }
}
