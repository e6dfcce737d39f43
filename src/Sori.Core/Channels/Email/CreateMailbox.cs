using System.Text.Json.Serialization;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

public sealed record CreateMailboxRequest(
    string? Name, string? Address, string? FromName = null, long? DefaultTeamId = null, string? DefaultLanguage = null,
    bool? IsActive = null, MailServerInput? Imap = null, MailServerInput? Smtp = null, bool? AutoAcknowledge = null,
    [property: JsonPropertyName("oauth2")] MailboxOAuth2Input? OAuth2 = null,
    LocalizedTextInput? Signatures = null, LocalizedTextInput? Acknowledgements = null);

/// <summary>Adds a shop address. Name and address are enough: mail can then be piped in through the drop endpoint.</summary>
public sealed class CreateMailbox(SoriDbContext db, MailboxInputs inputs, MailboxDirectory directory, TimeProvider clock)
{
    public async Task<Mailbox> Handle(CreateMailboxRequest r, CancellationToken ct)
    {
        var v = new Validator().Required("name", r.Name, Limits.Name).Text("fromName", r.FromName, Limits.Name);
        var address = await inputs.CheckAddressAsync(v, r.Address, null, ct);
        await inputs.CheckTeamAsync(v, r.DefaultTeamId, ct);
        MailboxInputs.CheckLanguage(v, r.DefaultLanguage);
        var imap = MailboxInputs.Merge(v, "imap", r.Imap, null, imap: true);
        var smtp = MailboxInputs.Merge(v, "smtp", r.Smtp, null, imap: false);
        var oauth2 = MailboxInputs.Merge(v, r.OAuth2 is null ? default : new Maybe<MailboxOAuth2Input?>(true, r.OAuth2), null, imap, smtp);
        MailboxInputs.CheckTemplates(v, "signatures", r.Signatures, MailTemplate.SignaturePlaceholders);
        MailboxInputs.CheckTemplates(v, "acknowledgements", r.Acknowledgements, MailTemplate.AcknowledgementPlaceholders);
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
            OAuth2 = oauth2,
            SignatureKo = MailboxInputs.Text(r.Signatures?.Ko ?? default, null),
            SignatureEn = MailboxInputs.Text(r.Signatures?.En ?? default, null),
            AcknowledgementKo = MailboxInputs.Text(r.Acknowledgements?.Ko ?? default, null),
            AcknowledgementEn = MailboxInputs.Text(r.Acknowledgements?.En ?? default, null),
        };
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        return mailbox;
    }
}
