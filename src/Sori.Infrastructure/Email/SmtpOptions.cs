namespace Sori.Infrastructure.Email;

/// <summary>Bound from "Sori:Smtp": how queued replies are sent (env: Sori__Smtp__MaxAttempts ...).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Sori:Smtp";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    public int BatchSize { get; set; } = 10;
    /// <summary>Messages sent at once per node (each on its own connection).</summary>
    public int Concurrency { get; set; } = 4;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>With the defaults, retries span about a day before a reply is marked failed.</summary>
    public int MaxAttempts { get; set; } = 10;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(4);

    public IEnumerable<string> Problems()
    {
        if (PollInterval <= TimeSpan.Zero) yield return "PollInterval must be positive.";
        if (BatchSize is < 1 or > 1000) yield return "BatchSize must be between 1 and 1000.";
        if (Concurrency is < 1 or > 64) yield return "Concurrency must be between 1 and 64.";
        if (Timeout <= TimeSpan.Zero) yield return "Timeout must be positive.";
        // A message's SMTP dialogue is a few commands of at most Timeout each.
        var worstBatch = Timeout * 4 * Math.Ceiling(BatchSize / (double)Math.Max(Concurrency, 1));
        if (LeaseDuration <= worstBatch) yield return $"LeaseDuration must exceed 4 × Timeout × ceil(BatchSize / Concurrency) = {worstBatch}.";
        if (MaxAttempts < 1) yield return "MaxAttempts must be at least 1.";
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) yield return "RetryBaseDelay must be positive and at most RetryMaxDelay.";
    }
}
