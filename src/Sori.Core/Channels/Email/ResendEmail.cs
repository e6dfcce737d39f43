using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Conversations;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

/// <summary>
/// Sends a failed (or still retrying) reply again now, with a fresh retry budget: after the SMTP
/// settings were fixed, or the customer's server recovered. Same Message-ID, so nothing threads twice.
/// </summary>
public sealed class ResendEmail(SoriDbContext db, EmailDeliverySignal signal, TimeProvider clock)
{
    public async Task<EmailDeliveryView> Handle(long ticketId, long messageId, CancellationToken ct)
    {
        var d = await db.EmailDeliveries.FirstOrDefaultAsync(x => x.MessageId == messageId && x.TicketId == ticketId, ct)
                ?? throw new NotFoundException("Email delivery", messageId);
        var mailbox = d.MailboxId is { } id ? await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) : null;
        if (mailbox is null) throw new ConflictException("The mailbox this reply was to be sent from no longer exists.");
        if (mailbox.Smtp is null) throw new ConflictException($"Mailbox {mailbox.Address} has no SMTP settings; add them first.");
        d.Requeue(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        var envelope = await db.MessageEnvelopes.AsNoTracking().FirstOrDefaultAsync(e => e.Id == d.EnvelopeId, ct);
        return EmailDeliveryView.From(d, envelope);
    }
}
