using Microsoft.EntityFrameworkCore;
using Sori.Core.Attachments;
using Sori.Core.Common;
using Sori.Core.Conversations.Inbound;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

/// <summary>
/// One raw message into a mailbox, from any transport (the drop endpoint, an import, later IMAP):
/// the raw bytes are kept, mapped to an <see cref="InboundMessage"/> and received. The transport
/// acknowledges its source only after this returns, so a crash loses nothing; the dedupe key
/// makes a second delivery a no-op.
/// </summary>
public sealed class IngestEmail(SoriDbContext db, MailboxDirectory mailboxes, ReceiveInboundMessage receive, IAttachmentStore store,
    AttachmentOptions attachments, EmailOptions options)
{
    public async Task<InboundResult> Handle(long mailboxId, byte[] raw, CancellationToken ct)
    {
        var mailbox = await mailboxes.FindAsync(db, mailboxId, ct) ?? throw new NotFoundException("Mailbox", mailboxId);
        if (!mailbox.IsActive) throw new ConflictException($"Mailbox {mailbox.Address} is paused; resume it to receive mail.");
        return await Handle(mailbox, raw, ct);
    }

    public async Task<InboundResult> Handle(Mailbox mailbox, byte[] raw, CancellationToken ct)
    {
        if (raw.Length == 0) throw ValidationException.For("message", "is empty.");
        if (raw.Length > options.MaxMessageBytes)
            throw ValidationException.For("message", $"is larger than {options.MaxMessageBytes / (1024 * 1024)} MB.");
        var limits = new EmailMapper.Limits(attachments.MaxFileBytes, attachments.MaxFilesPerMessage, options.MaxParts, mailbox.DefaultLanguage);
        var message = EmailMapper.Map(raw, mailbox.Id, limits);
        var kept = await store.SaveAsync(raw, options.MaxMessageBytes, ct);
        return await receive.Handle(message with { RawSha256 = kept?.Sha256 }, new InboundDefaults(mailbox.DefaultTeamId, mailbox.DefaultLanguage), ct);
    }
}
