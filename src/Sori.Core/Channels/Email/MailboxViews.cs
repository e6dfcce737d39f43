using Sori.Core.Tickets;

namespace Sori.Core.Channels.Email;

/// <summary>A mailbox as the API shows it: secrets are never part of it, only whether one is set.</summary>
public sealed record MailboxView(
    long Id, string Name, string Address, string? FromName, long? DefaultTeamId, string DefaultLanguage, bool IsActive,
    MailServerView? Imap, MailServerView? Smtp, DateTime CreatedAt, DateTime UpdatedAt, MailboxPollingView? Polling, bool AutoAcknowledge)
{
    public static MailboxView From(Mailbox m) => new(m.Id, m.Name, m.Address, m.FromName, m.DefaultTeamId, m.DefaultLanguage,
        m.IsActive, MailServerView.From(m.Imap), MailServerView.From(m.Smtp), m.CreatedAt, m.UpdatedAt, MailboxPollingView.From(m), m.AutoAcknowledge);
}

public sealed record MailServerView(string Host, int Port, string Tls, string? Username, string? Folder, bool HasPassword, bool HasOAuth2Token)
{
    public static MailServerView? From(MailServer? s) => s is null ? null
        : new(s.Host, s.Port, TicketStatusRules.ToWire(s.Tls), s.Username, s.Folder, s.Password is not null, s.OAuth2Token is not null);
}

/// <summary>
/// How IMAP polling is going: <c>lastPolledAt</c> is the last pass that reached the server,
/// <c>lastError</c> the last connection or sign-in problem (null once a pass succeeds again),
/// <c>failures</c> how many passes failed in a row, <c>lastUid</c> the highest UID taken;
/// <c>node</c> is the node polling it while its lease (<c>leaseUntil</c>) runs.
/// </summary>
public sealed record MailboxPollingView(string? Node, DateTime? LeaseUntil, DateTime? LastPolledAt, string? LastError, DateTime? LastErrorAt, int Failures,
    long? UidValidity, long? LastUid)
{
    public static MailboxPollingView? From(Mailbox m) => m.Imap is null ? null
        : new(m.PollLockedBy, m.PollLockedUntil, m.PolledAt, m.PollError, m.PollErrorAt, m.PollFailures,
            m.ImapUidValidity, m.ImapLastUid);
}
