using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

/// <summary>
/// Absent fields stay as they are. <c>imap</c>, <c>smtp</c> or <c>oauth2</c> set to null removes those
/// settings; an object is merged into the stored settings (see <see cref="MailServerInput"/>).
/// </summary>
public sealed record UpdateMailboxRequest
{
    public string? Name { get; init; }
    public string? Address { get; init; }
    public Maybe<string?> FromName { get; init; }
    public Maybe<long?> DefaultTeamId { get; init; }
    public string? DefaultLanguage { get; init; }
    public bool? IsActive { get; init; }
    public bool? AutoAcknowledge { get; init; }
    public Maybe<MailServerInput?> Imap { get; init; }
    public Maybe<MailServerInput?> Smtp { get; init; }
    [JsonPropertyName("oauth2")]
    public Maybe<MailboxOAuth2Input?> OAuth2 { get; init; }
    public LocalizedTextInput? Signatures { get; init; }
    public LocalizedTextInput? Acknowledgements { get; init; }
}

public sealed class UpdateMailbox(SoriDbContext db, MailboxInputs inputs, MailboxDirectory directory, TimeProvider clock)
{
    public async Task<Mailbox> Handle(long id, UpdateMailboxRequest r, CancellationToken ct)
    {
        var m = await db.Mailboxes.Include(x => x.OAuth2).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Mailbox", id);
        var v = new Validator();
        if (r.Name is not null) v.Required("name", r.Name, Limits.Name);
        v.Text("fromName", r.FromName.Value, Limits.Name);
        var address = r.Address is null ? null : await inputs.CheckAddressAsync(v, r.Address, id, ct);
        if (r.DefaultTeamId.IsSet) await inputs.CheckTeamAsync(v, r.DefaultTeamId.Value, ct);
        MailboxInputs.CheckLanguage(v, r.DefaultLanguage);
        var imap = r.Imap.IsSet ? MailboxInputs.Merge(v, "imap", r.Imap.Value, m.Imap, imap: true) : m.Imap;
        var smtp = r.Smtp.IsSet ? MailboxInputs.Merge(v, "smtp", r.Smtp.Value, m.Smtp, imap: false) : m.Smtp;
        var oauth2 = MailboxInputs.Merge(v, r.OAuth2, m.OAuth2, imap, smtp);
        MailboxInputs.CheckTemplates(v, "signatures", r.Signatures, MailTemplate.SignaturePlaceholders);
        MailboxInputs.CheckTemplates(v, "acknowledgements", r.Acknowledgements, MailTemplate.AcknowledgementPlaceholders);
        v.ThrowIfInvalid();

        if (r.Name is not null) m.Name = r.Name.Trim();
        if (address is not null) m.Address = address;
        if (r.FromName.IsSet) m.FromName = string.IsNullOrWhiteSpace(r.FromName.Value) ? null : r.FromName.Value.Trim();
        if (r.DefaultTeamId.IsSet) m.DefaultTeamId = r.DefaultTeamId.Value;
        if (r.DefaultLanguage is not null) m.DefaultLanguage = r.DefaultLanguage;
        if (r.IsActive is { } active) m.IsActive = active;
        if (r.AutoAcknowledge is { } ack) m.AutoAcknowledge = ack;
        if (imap is null || !imap.SameMailAs(m.Imap)) m.ForgetImapPosition();
        m.Imap = imap;
        m.Smtp = smtp;
        if (oauth2 is null) m.OAuth2 = null;
        else if (m.OAuth2 is null) m.OAuth2 = oauth2;
        else if (!ReferenceEquals(oauth2, m.OAuth2)) m.OAuth2.Apply(oauth2);
        if (r.Signatures is { } s)
        {
            m.SignatureKo = MailboxInputs.Text(s.Ko, m.SignatureKo);
            m.SignatureEn = MailboxInputs.Text(s.En, m.SignatureEn);
        }
        if (r.Acknowledgements is { } a)
        {
            m.AcknowledgementKo = MailboxInputs.Text(a.Ko, m.AcknowledgementKo);
            m.AcknowledgementEn = MailboxInputs.Text(a.En, m.AcknowledgementEn);
        }
        m.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        return m;
    }
}
