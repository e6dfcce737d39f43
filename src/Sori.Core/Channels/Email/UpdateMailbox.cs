using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Channels.Email;

/// <summary>
/// Absent fields stay as they are. <c>imap</c> or <c>smtp</c> set to null removes those settings;
/// an object is merged into the stored settings (see <see cref="MailServerInput"/>).
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
}

public sealed class UpdateMailbox(SoriDbContext db, MailboxInputs inputs, TimeProvider clock)
{
    public async Task<Mailbox> Handle(long id, UpdateMailboxRequest r, CancellationToken ct)
    {
        var m = await db.Mailboxes.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Mailbox", id);
        var v = new Validator();
        if (r.Name is not null) v.Required("name", r.Name, Limits.Name);
        v.Text("fromName", r.FromName.Value, Limits.Name);
        var address = r.Address is null ? null : await inputs.CheckAddressAsync(v, r.Address, id, ct);
        if (r.DefaultTeamId.IsSet) await inputs.CheckTeamAsync(v, r.DefaultTeamId.Value, ct);
        MailboxInputs.CheckLanguage(v, r.DefaultLanguage);
        var imap = r.Imap.IsSet ? MailboxInputs.Merge(v, "imap", r.Imap.Value, m.Imap, imap: true) : m.Imap;
        var smtp = r.Smtp.IsSet ? MailboxInputs.Merge(v, "smtp", r.Smtp.Value, m.Smtp, imap: false) : m.Smtp;
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
        m.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return m;
    }
}
