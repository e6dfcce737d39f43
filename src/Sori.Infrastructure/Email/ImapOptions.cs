namespace Sori.Infrastructure.Email;

/// <summary>Bound from "Sori:Imap" (env: Sori__Imap__CheckInterval ...).</summary>
public sealed class ImapOptions
{
    public const string Section = "Sori:Imap";

    /// <summary>Off for nodes that should not poll mailboxes (and test hosts that have no IMAP server).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often a node looks for mailboxes that nobody polls (new, changed, or left by a node that died).</summary>
    public TimeSpan DiscoverInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How long one IDLE lasts (new mail ends it at once), or how often a server without IDLE is asked; the lease is renewed between.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(25);
    /// <summary>A node that dies loses its mailboxes to other nodes after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Network timeout of one IMAP or SMTP command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Reconnects after a failure wait this long, doubling per failure in a row, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Messages of one mailbox received at once (their writes share a commit); \Seen and the position follow each window.</summary>
    public int BatchSize { get; set; } = 16;

    public IEnumerable<string> Problems()
    {
        if (DiscoverInterval <= TimeSpan.Zero) yield return "DiscoverInterval must be positive.";
        if (CheckInterval <= TimeSpan.Zero || CheckInterval > TimeSpan.FromMinutes(25)) yield return "CheckInterval must be between 0 and 25 minutes (IMAP servers end an IDLE after 30).";
        if (LeaseDuration <= CheckInterval + Timeout) yield return "LeaseDuration must exceed CheckInterval + Timeout.";
        if (Timeout <= TimeSpan.Zero) yield return "Timeout must be positive.";
        if (BatchSize is < 1 or > 256) yield return "BatchSize must be between 1 and 256.";
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) yield return "RetryBaseDelay must be positive and at most RetryMaxDelay.";
    }
}
