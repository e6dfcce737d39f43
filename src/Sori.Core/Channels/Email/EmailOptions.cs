namespace Sori.Core.Channels.Email;

/// <summary>Limits on inbound mail ("Sori:Email"). Attachment size and count come from "Sori:Attachments".</summary>
public sealed class EmailOptions
{
    public const string Section = "Sori:Email";
    /// <summary>A whole raw message; larger ones are refused (413 at the drop endpoint, skipped on import).</summary>
    public long MaxMessageBytes { get; set; } = 50L * 1024 * 1024;
    /// <summary>MIME parts read from one message; the rest is not read (the raw message is still kept).</summary>
    public int MaxParts { get; set; } = 500;
    /// <summary>Spam score at which a message is quarantined instead of becoming a ticket.</summary>
    public double SpamThreshold { get; set; } = 5.0;

    public IEnumerable<string> Problems()
    {
        if (MaxMessageBytes < 1024) yield return "MaxMessageBytes must be at least 1024.";
        if (MaxParts < 1) yield return "MaxParts must be positive.";
        if (SpamThreshold <= 0) yield return "SpamThreshold must be positive.";
    }
}
