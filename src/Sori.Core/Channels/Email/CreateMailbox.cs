using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

public sealed record CreateMailboxRequest(
    string? Name, string? Address, string? FromName = null, long? DefaultTeamId = null, string? DefaultLanguage = null,
    bool? IsActive = null, MailServerInput? Imap = null, MailServerInput? Smtp = null, bool? AutoAcknowledge = null);

/// <summary>Adds a shop address. Name and address are enough: mail can then be piped in through the drop endpoint.</summary>
public sealed class CreateMailbox(SoriDbContext db, MailboxInputs inputs, TimeProvider clock)
{
    public async Task<Mailbox> Handle(CreateMailboxRequest r, CancellationToken ct)
    {
        var v = new Validator().Required("name", r.Name, Limits.Name).Text("fromName", r.FromName, Limits.Name);
        var address = await inputs.CheckAddressAsync(v, r.Address, null, ct);
        await inputs.CheckTeamAsync(v, r.DefaultTeamId, ct);
        MailboxInputs.CheckLanguage(v, r.DefaultLanguage);
        var imap = MailboxInputs.Merge(v, "imap", r.Imap, null, imap: true);
        var smtp = MailboxInputs.Merge(v, "smtp", r.Smtp, null, imap: false);
        v.ThrowIfInvalid();

        var mailbox = new Mailbox(r.Name!.Trim(), address!, clock.GetUtcNow().UtcDateTime)
        {
            FromName = string.IsNullOrWhiteSpace(r.FromName) ? null : r.FromName.Trim(),
            DefaultTeamId = r.DefaultTeamId,
            DefaultLanguage = r.DefaultLanguage ?? "ko",
            IsActive = r.IsActive ?? true,
            AutoAcknowledge = r.AutoAcknowledge ?? false,
            Imap = imap,
            Smtp = smtp,
        };
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync(ct);
        return mailbox;
    }
}
