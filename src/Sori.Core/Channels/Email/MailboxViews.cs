using Sori.Core.Tickets;

namespace Sori.Core.Channels.Email;

/// <summary>A mailbox as the API shows it: secrets are never part of it, only whether one is set.</summary>
public sealed record MailboxView(
    long Id, string Name, string Address, string? FromName, long? DefaultTeamId, string DefaultLanguage, bool IsActive,
    MailServerView? Imap, MailServerView? Smtp, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static MailboxView From(Mailbox m) => new(m.Id, m.Name, m.Address, m.FromName, m.DefaultTeamId, m.DefaultLanguage,
        m.IsActive, MailServerView.From(m.Imap), MailServerView.From(m.Smtp), m.CreatedAt, m.UpdatedAt);
}

public sealed record MailServerView(string Host, int Port, string Tls, string? Username, string? Folder, bool HasPassword, bool HasOAuth2Token)
{
    public static MailServerView? From(MailServer? s) => s is null ? null
        : new(s.Host, s.Port, TicketStatusRules.ToWire(s.Tls), s.Username, s.Folder, s.Password is not null, s.OAuth2Token is not null);
}
