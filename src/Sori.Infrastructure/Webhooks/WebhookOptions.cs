namespace Sori.Infrastructure.Webhooks;

/// <summary>Bound from "Sori:Webhooks" (env: Sori__Webhooks__MaxAttempts ...).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Sori:Webhooks";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    public int BatchSize { get; set; } = 50;
    /// <summary>Requests in flight at once per node, so one slow receiver does not hold up the others.</summary>
    public int Concurrency { get; set; } = 8;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Allow receivers on loopback, private and link-local addresses (off: see <see cref="PublicNetworkGuard"/>).</summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>Must outlast a whole batch's requests, or another node could send the same delivery meanwhile.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>With the defaults, retries span about four hours before a delivery is marked failed.</summary>
    public int MaxAttempts { get; set; } = 10;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(2);

    public IEnumerable<string> Problems()
    {
        if (PollInterval <= TimeSpan.Zero) yield return "PollInterval must be positive.";
        if (BatchSize is < 1 or > 1000) yield return "BatchSize must be between 1 and 1000.";
        if (Concurrency is < 1 or > 256) yield return "Concurrency must be between 1 and 256.";
        if (Timeout <= TimeSpan.Zero) yield return "Timeout must be positive.";
        // Worst case a batch runs in ceil(BatchSize / Concurrency) rounds of Timeout each.
        var worstBatch = Timeout * Math.Ceiling(BatchSize / (double)Math.Max(Concurrency, 1));
        if (LeaseDuration <= worstBatch) yield return $"LeaseDuration must exceed Timeout × ceil(BatchSize / Concurrency) = {worstBatch}.";
        if (MaxAttempts < 1) yield return "MaxAttempts must be at least 1.";
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) yield return "RetryBaseDelay must be positive and at most RetryMaxDelay.";
    }
}
