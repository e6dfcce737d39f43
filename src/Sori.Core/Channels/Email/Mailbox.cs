using Sori.Core.Common;

namespace Sori.Core.Channels.Email;

/// <summary>How a mail connection is secured: none, STARTTLS upgrade, or TLS from the first byte.</summary>
public enum MailTls { None, StartTls, Tls }

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
/// One IMAP or SMTP connection. The password and OAuth2 token are stored for the workers that
/// connect; no API response ever contains them (views say only whether one is set).
/// </summary>
public sealed class MailServer
{
    public string Host { get; set; } = "";
    public int Port { get; set; }
    public MailTls Tls { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? OAuth2Token { get; set; }
    /// <summary>IMAP only: the folder to watch (INBOX by default).</summary>
    public string? Folder { get; set; }

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
    public const int Error = 1000;
}
