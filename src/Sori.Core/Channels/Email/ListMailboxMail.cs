using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Conversations;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Channels.Email;

public sealed record MailQuery(string? Disposition, int? Limit, string? Cursor);

/// <summary>One received message as the mail log shows it (the quarantine is this log filtered to "quarantined").</summary>
public sealed record ReceivedMailView(long Id, string Disposition, string? Reason, double SpamScore, string? FromAddress, string? FromName,
    string Subject, string? ExternalId, DateTime? SentAt, DateTime ReceivedAt, long? TicketId, long? MessageId, long RawSize)
{
    public static ReceivedMailView From(MessageEnvelope e) => new(e.Id, TicketStatusRules.ToWire(e.Disposition), e.Reason, e.SpamScore,
        e.FromAddress, e.FromName, e.Subject, e.ExternalId, e.SentAt, e.ReceivedAt, e.TicketId, e.MessageId, e.RawSize);
}

/// <summary>The mail a mailbox received, newest first, optionally by disposition; keyset paged.</summary>
public sealed class ListMailboxMail(SoriDbContext db)
{
    public async Task<Page<ReceivedMailView>> Handle(long mailboxId, MailQuery q, CancellationToken ct)
    {
        var v = new Validator();
        var disposition = TicketInputs.ParseEnum<InboundDisposition>(v, "disposition", q.Disposition);
        long? before = null;
        if (q.Cursor is not null) { if (long.TryParse(q.Cursor, out var c)) before = c; else v.Add("cursor", "is not a cursor from this list."); }
        v.When(q.Limit is < 1 or > 200, "limit", "must be between 1 and 200.").ThrowIfInvalid();
        if (!await db.Mailboxes.AnyAsync(m => m.Id == mailboxId, ct)) throw new NotFoundException("Mailbox", mailboxId);

        var take = q.Limit ?? 50;
        var rows = db.MessageEnvelopes.AsNoTracking().Where(e => e.MailboxId == mailboxId && e.Direction == EnvelopeDirection.Inbound);
        if (disposition is { } d) rows = rows.Where(e => e.Disposition == d);
        if (before is { } b) rows = rows.Where(e => e.Id < b);
        var page = await rows.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        var items = page.Take(take).Select(ReceivedMailView.From).ToList();
        return new Page<ReceivedMailView>(items, page.Count > take ? items[^1].Id.ToString() : null);
    }
}
