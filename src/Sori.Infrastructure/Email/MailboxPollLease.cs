using Microsoft.EntityFrameworkCore;
using Sori.Core.Channels.Email;
using Sori.Core.Data;

namespace Sori.Infrastructure.Email;

/// <summary>
/// One node at a time polls a mailbox: it holds the mailbox's lease (PollLockedBy/Until), taken and
/// renewed with a conditional UPDATE like the outbox's (see <see cref="Outbox.OutboxLease"/>). The
/// renewal also checks that the settings are the ones the poller started with (UpdatedAt), so an
/// edited, paused or deleted mailbox ends its session and is picked up afresh.
/// </summary>
public static class MailboxPollLease
{
    /// <summary>Active mailboxes with IMAP settings whose lease is free or expired: only a proposal.</summary>
    public static async Task<List<Mailbox>> CandidatesAsync(SoriDbContext db, DateTime now, CancellationToken ct) =>
        (await db.Mailboxes.AsNoTracking().Where(m => m.IsActive && (m.PollLockedUntil == null || m.PollLockedUntil < now)).ToListAsync(ct))
        .Where(m => m.Imap is not null).ToList();

    public static async Task<bool> ClaimAsync(SoriDbContext db, Mailbox m, string nodeId, TimeSpan lease, DateTime now, CancellationToken ct) =>
        await db.Mailboxes.Where(x => x.Id == m.Id && x.IsActive && x.UpdatedAt == m.UpdatedAt && (x.PollLockedUntil == null || x.PollLockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PollLockedBy, nodeId).SetProperty(x => x.PollLockedUntil, now + lease), ct) == 1;

    /// <summary>False when the lease was lost or the mailbox changed: the session must end.</summary>
    public static async Task<bool> RenewAsync(SoriDbContext db, Mailbox m, string nodeId, TimeSpan lease, DateTime now, CancellationToken ct) =>
        await Held(db, m, nodeId).Where(x => x.IsActive && x.UpdatedAt == m.UpdatedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PollLockedUntil, now + lease), ct) == 1;

    public static Task<int> ReleaseAsync(SoriDbContext db, Mailbox m, string nodeId, CancellationToken ct) =>
        Held(db, m, nodeId).ExecuteUpdateAsync(s => s.SetProperty(x => x.PollLockedBy, (string?)null).SetProperty(x => x.PollLockedUntil, (DateTime?)null), ct);

    /// <summary>The folder position after a message was committed and flagged; renews the lease too, so a long pass keeps it.</summary>
    public static async Task<bool> AdvanceAsync(SoriDbContext db, Mailbox m, string nodeId, long uidValidity, long lastUid, DateTime leaseUntil,
        CancellationToken ct) =>
        await Held(db, m, nodeId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ImapUidValidity, uidValidity)
            .SetProperty(x => x.ImapLastUid, lastUid)
            .SetProperty(x => x.PollLockedUntil, leaseUntil), ct) == 1;

    public static Task<int> SucceededAsync(SoriDbContext db, Mailbox m, string nodeId, DateTime now, CancellationToken ct) =>
        Held(db, m, nodeId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.PolledAt, now)
            .SetProperty(x => x.PollError, (string?)null)
            .SetProperty(x => x.PollFailures, 0), ct);

    /// <summary>Records a problem for the admin; returns the failures in a row, which set the backoff.</summary>
    public static async Task<int> FailedAsync(SoriDbContext db, Mailbox m, string nodeId, string error, DateTime now, CancellationToken ct)
    {
        var clipped = error.Length <= MailLimits.Error ? error : error[..MailLimits.Error];
        await Held(db, m, nodeId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.PollError, clipped)
            .SetProperty(x => x.PollErrorAt, now)
            .SetProperty(x => x.PollFailures, x => x.PollFailures + 1), ct);
        return await db.Mailboxes.Where(x => x.Id == m.Id).Select(x => x.PollFailures).FirstOrDefaultAsync(ct);
    }

    /// <summary>Where the last session stopped in the folder.</summary>
    public static async Task<(long? UidValidity, long? LastUid)> PositionAsync(SoriDbContext db, long mailboxId, CancellationToken ct)
    {
        var p = await db.Mailboxes.Where(x => x.Id == mailboxId).Select(x => new { x.ImapUidValidity, x.ImapLastUid }).FirstOrDefaultAsync(ct);
        return (p?.ImapUidValidity, p?.ImapLastUid);
    }

    private static IQueryable<Mailbox> Held(SoriDbContext db, Mailbox m, string nodeId) =>
        db.Mailboxes.Where(x => x.Id == m.Id && x.PollLockedBy == nodeId);
}
