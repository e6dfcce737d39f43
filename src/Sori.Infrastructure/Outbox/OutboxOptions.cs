namespace Sori.Infrastructure.Outbox;

/// <summary>Bound from "Sori:Outbox" (env: Sori__Outbox__BatchSize ...).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Sori:Outbox";

    /// <summary>How often a node looks for work written by other nodes; this node's own writes wake it at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>After this node's own commit wakes the worker, wait this long so one pass gathers the events of many commits.</summary>
    public TimeSpan WakeDelay { get; set; } = TimeSpan.FromMilliseconds(20);
    public int BatchSize { get; set; } = 100;
    /// <summary>How long a claim lasts; a node that dies mid-batch loses its rows to others after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Attempts before a message is left aside (ProcessedAt null, LastError set) for an operator.</summary>
    public int MaxAttempts { get; set; } = 10;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    public IEnumerable<string> Problems()
    {
        if (PollInterval <= TimeSpan.Zero) yield return "PollInterval must be positive.";
        if (WakeDelay < TimeSpan.Zero || WakeDelay > TimeSpan.FromSeconds(5)) yield return "WakeDelay must be between 0 and 5 seconds.";
        if (BatchSize is < 1 or > 1000) yield return "BatchSize must be between 1 and 1000.";
        if (LeaseDuration < TimeSpan.FromSeconds(1)) yield return "LeaseDuration must be at least one second.";
        if (MaxAttempts < 1) yield return "MaxAttempts must be at least 1.";
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) yield return "RetryBaseDelay must be positive and at most RetryMaxDelay.";
    }
}
