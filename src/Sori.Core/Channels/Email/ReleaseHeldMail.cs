using Microsoft.EntityFrameworkCore;
using Sori.Core.Attachments;
using Sori.Core.Common;
using Sori.Core.Conversations;
using Sori.Core.Conversations.Inbound;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

/// <summary>An admin decides that quarantined (or ignored) mail was real: it is read again from its kept original and received.</summary>
public sealed class ReleaseHeldMail(SoriDbContext db, ReceiveInboundMessage receive, IAttachmentStore store, AttachmentOptions attachments, EmailOptions options)
{
    public async Task<InboundResult> Handle(long mailboxId, long envelopeId, Actor actor, CancellationToken ct)
    {
        var mailbox = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mailboxId, ct) ?? throw new NotFoundException("Mailbox", mailboxId);
        var envelope = await db.MessageEnvelopes.FirstOrDefaultAsync(e => e.Id == envelopeId && e.MailboxId == mailboxId, ct)
                       ?? throw new NotFoundException("Mail", envelopeId);
        if (envelope.Disposition is not (InboundDisposition.Quarantined or InboundDisposition.Ignored))
            throw new ConflictException("Only quarantined or ignored mail can be released.", "disposition");
        await using var stream = envelope.RawSha256 is { } sha ? store.OpenRead(sha) : null;
        if (stream is null) throw new ConflictException("The original of this mail was not kept, so it cannot be read again.");
        using var raw = new MemoryStream();
        await stream.CopyToAsync(raw, ct);
        var limits = new EmailMapper.Limits(attachments.MaxFileBytes, attachments.MaxFilesPerMessage, options.MaxParts, mailbox.DefaultLanguage);
        var message = EmailMapper.Map(raw.ToArray(), mailbox.Id, limits) with { DedupeKey = envelope.DedupeKey, RawSha256 = envelope.RawSha256 };
        return await receive.Release(envelope, message, new InboundDefaults(mailbox.DefaultTeamId, mailbox.DefaultLanguage), actor, ct);
    }
}
