using Sori.Core.Common;

namespace Sori.Core.Channels.Email;

/// <summary>How a mail connection is secured: none, STARTTLS upgrade, or TLS from the first byte.</summary>
public enum MailTls { None, StartTls, Tls }

/// <summary>How a mail connection signs in: the account's password, or an OAuth2 access token from the mailbox's grant.</summary>
public enum MailAuth { Password, Oauth2 }

/// <summary>
/// A shop address that customers write to (support@shop.kr). Mail reaches it by IMAP polling or by
/// an MTA piping it to the drop endpoint, in which case it has no IMAP settings at all.
/// </summary>
public sealed class Mailbox
{
    public long Id { get; private set; }
    public string Name { get; set; } = "";
    /// <summary>Lower-cased; unique. Mail from this address is our own (a loop).</summary>
    public string Address { get; set; } = "";
    public string? FromName { get; set; }
    public long? DefaultTeamId { get; set; }
    public string DefaultLanguage { get; set; } = "ko";
    public bool IsActive { get; set; } = true;
    /// <summary>Answer each new ticket's first mail with its number and a wait estimate (never automatic or mass mail).</summary>
    public bool AutoAcknowledge { get; set; }
    public MailServer? Imap { get; set; }
    public MailServer? Smtp { get; set; }
    /// <summary>Where servers with <see cref="MailAuth.Oauth2"/> get their access tokens.</summary>
    public MailboxOAuth2? OAuth2 { get; set; }
    /// <summary>Appended to replies sent to customers who read Korean; placeholders as in <see cref="MailTemplate"/>.</summary>
    public string? SignatureKo { get; set; }
    public string? SignatureEn { get; set; }
    /// <summary>The acknowledgement of a new ticket for Korean readers, instead of the built-in text.</summary>
    public string? AcknowledgementKo { get; set; }
    public string? AcknowledgementEn { get; set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; set; }

    // IMAP polling state, written only by the node that holds the poll lease (see MailboxPollLease).
    /// <summary>The watched folder's UIDVALIDITY when <see cref="ImapLastUid"/> was taken; another value means the UIDs were renumbered.</summary>
    public long? ImapUidValidity { get; private set; }
    /// <summary>The highest UID taken (received and committed) from the watched folder.</summary>
    public long? ImapLastUid { get; private set; }
    public string? PollLockedBy { get; private set; }
    public DateTime? PollLockedUntil { get; private set; }
    /// <summary>The end of the last pass that reached the server without error.</summary>
    public DateTime? PolledAt { get; private set; }
    /// <summary>The last connection or sign-in problem, cleared by the next good pass.</summary>
    public string? PollError { get; private set; }
    public DateTime? PollErrorAt { get; private set; }
    public int PollFailures { get; private set; }

    private Mailbox() { }

    public Mailbox(string name, string address, DateTime now)
    {
        Name = name;
        Address = address;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public string? Signature(string language) => language == "en" ? SignatureEn : SignatureKo;

    public string? Acknowledgement(string language) => language == "en" ? AcknowledgementEn : AcknowledgementKo;

    /// <summary>The name customers know the desk by, as {desk.name} in templates.</summary>
    public string DeskName => FromName ?? Name;

    /// <summary>Another server, account or folder: its UIDs mean nothing here, so polling starts again from its unread mail.</summary>
    public void ForgetImapPosition()
    {
        ImapUidValidity = null;
        ImapLastUid = null;
        PollError = null;
        PollErrorAt = null;
        PollFailures = 0;
    }
}

/// <summary>
/// One IMAP or SMTP connection. The password is stored for the workers that connect; no API
/// response ever contains it (views say only whether one is set).
/// </summary>
public sealed class MailServer
{
    public string Host { get; set; } = "";
    public int Port { get; set; }
    public MailTls Tls { get; set; }
    public string? Username { get; set; }
    public MailAuth Auth { get; set; }
    public string? Password { get; set; }
    /// <summary>
    /// The SHA-256 fingerprint (upper-case hex pairs joined by colons) of a certificate to trust although
    /// no authority vouches for it: a self-signed or private-CA server. Certificates are checked as usual otherwise.
    /// </summary>
    public string? TrustedFingerprint { get; set; }
    /// <summary>IMAP only: the folder to watch (INBOX by default).</summary>
    public string? Folder { get; set; }
    /// <summary>IMAP only: mail is moved here once its ticket change is committed (created if missing); null leaves it where it is.</summary>
    public string? ProcessedFolder { get; set; }
    /// <summary>IMAP only: quarantined mail is moved here instead (created if missing); null treats it like other mail.</summary>
    public string? SpamFolder { get; set; }

    public MailServer Copy() => (MailServer)MemberwiseClone();

    /// <summary>Whether <paramref name="other"/> reads the same mail: same server, account and folder.</summary>
    public bool SameMailAs(MailServer? other) => other is not null
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port
        && string.Equals(Username, other.Username, StringComparison.Ordinal) && string.Equals(Folder, other.Folder, StringComparison.Ordinal);

    public static int DefaultPort(bool imap, MailTls tls) => (imap, tls) switch
    {
        (true, MailTls.Tls) => 993,
        (true, _) => 143,
        (false, MailTls.Tls) => 465,
        (false, _) => 587,
    };
}

public static class MailLimits
{
    public const int Host = 253;
    public const int Username = 320;
    public const int Secret = 4_000;
    public const int Folder = 200;
    public const int Url = 2_000;
    public const int Template = 2_000;
    public const int Error = 1000;
}
