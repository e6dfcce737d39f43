using System.Text.Json.Serialization;
using Sori.Core.Tickets;

namespace Sori.Core.Channels.Email;

/// <summary>A mailbox as the API shows it: secrets are never part of it, only whether one is set.</summary>
public sealed record MailboxView(
    long Id, string Name, string Address, string? FromName, long? DefaultTeamId, string DefaultLanguage, bool IsActive,
    MailServerView? Imap, MailServerView? Smtp, DateTime CreatedAt, DateTime UpdatedAt, MailboxPollingView? Polling, bool AutoAcknowledge,
    [property: JsonPropertyName("oauth2")] MailboxOAuth2View? OAuth2, LocalizedText Signatures, LocalizedText Acknowledgements)
{
    /// <summary>The mailbox's view; its grant must have been loaded (<c>Include(m => m.OAuth2)</c>) for <c>oauth2</c> to show.</summary>
    public static MailboxView From(Mailbox m) => new(m.Id, m.Name, m.Address, m.FromName, m.DefaultTeamId, m.DefaultLanguage,
        m.IsActive, MailServerView.From(m.Imap), MailServerView.From(m.Smtp), m.CreatedAt, m.UpdatedAt, MailboxPollingView.From(m), m.AutoAcknowledge,
        MailboxOAuth2View.From(m.OAuth2), new(m.SignatureKo, m.SignatureEn), new(m.AcknowledgementKo, m.AcknowledgementEn));
}

public sealed record LocalizedText(string? Ko, string? En);

public sealed record MailServerView(string Host, int Port, string Tls, string? Username, string? Folder, string Auth, bool HasPassword,
    string? TrustedFingerprint, string? ProcessedFolder, string? SpamFolder)
{
    public static MailServerView? From(MailServer? s) => s is null ? null
        : new(s.Host, s.Port, TicketStatusRules.ToWire(s.Tls), s.Username, s.Folder, TicketStatusRules.ToWire(s.Auth), s.Password is not null,
            s.TrustedFingerprint, s.ProcessedFolder, s.SpamFolder);
}

/// <summary>
/// The OAuth2 grant without its secrets: the token endpoint and client id, whether a client secret,
/// refresh token and access token are stored, when the access token expires, and how refreshing went.
/// </summary>
public sealed record MailboxOAuth2View(string? TokenUrl, string? ClientId, string? Scope, string Mechanism, bool HasClientSecret, bool HasRefreshToken,
    bool HasAccessToken, DateTime? AccessTokenExpiresAt, DateTime? RefreshedAt, string? LastError, DateTime? LastErrorAt)
{
    public static MailboxOAuth2View? From(MailboxOAuth2? g) => g is null ? null
        : new(g.TokenUrl, g.ClientId, g.Scope, TicketStatusRules.ToWire(g.Mechanism), g.ClientSecret is not null, g.RefreshToken is not null,
            g.AccessToken is not null, g.AccessTokenExpiresAt, g.RefreshedAt, g.LastError, g.LastErrorAt);
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
