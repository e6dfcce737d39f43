namespace Sori.Web.Realtime;

/// <summary>Bound from "Sori:Realtime" (env: Sori__Realtime__Redis=127.0.0.1:6379 ...).</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Sori:Realtime";

    /// <summary>
    /// StackExchange.Redis configuration ("host:port,password=..."). Set on every node of a multi-node
    /// desk: live updates and presence then travel between nodes over Redis pub/sub. Unset: in-process only.
    /// </summary>
    public string? Redis { get; set; }
    /// <summary>The pub/sub channel; desks sharing one Redis need different channels.</summary>
    public string Channel { get; set; } = "sori:live";
    /// <summary>How often a node re-announces who is viewing tickets through it.</summary>
    public TimeSpan PresenceHeartbeat { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How long another node's viewers count without a heartbeat: a crashed node's viewers vanish after this.</summary>
    public TimeSpan PresenceTtl { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>"Typing" ends this long after the last keystroke.</summary>
    public TimeSpan TypingTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Least time between two refreshes of one open inbox while changes keep coming (the first refresh is immediate).</summary>
    public TimeSpan ListRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Most tickets one hub connection may watch at once.</summary>
    public int MaxWatchedTickets { get; set; } = 50;
    /// <summary>
    /// How often a node re-checks the credentials of its live sessions (hub connections, workspace tabs) without
    /// being told: revocations announce themselves at once; this bounds what does not (a token's expiry).
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    public IEnumerable<string> Problems()
    {
        if (UsesRedis)
        {
            string? error = null;
            try { StackExchange.Redis.ConfigurationOptions.Parse(Redis!); }
            catch (ArgumentException e) { error = e.Message; }
            if (error is not null) yield return $"Redis is not a valid Redis configuration ({error}).";
        }
        if (string.IsNullOrWhiteSpace(Channel) || Channel.Length > 200) yield return "Channel must be 1 to 200 characters.";
        if (PresenceHeartbeat < TimeSpan.FromMilliseconds(100)) yield return "PresenceHeartbeat must be at least 100 ms.";
        if (PresenceTtl <= PresenceHeartbeat) yield return "PresenceTtl must be longer than PresenceHeartbeat.";
        if (TypingTimeout < TimeSpan.FromMilliseconds(500) || TypingTimeout > TimeSpan.FromMinutes(1)) yield return "TypingTimeout must be between 0.5 and 60 seconds.";
        if (ListRefreshInterval < TimeSpan.Zero || ListRefreshInterval > TimeSpan.FromMinutes(1)) yield return "ListRefreshInterval must be between 0 and 60 seconds.";
        if (MaxWatchedTickets is < 1 or > 1000) yield return "MaxWatchedTickets must be between 1 and 1000.";
        if (SessionCheckInterval < TimeSpan.FromSeconds(1) || SessionCheckInterval > TimeSpan.FromHours(1)) yield return "SessionCheckInterval must be between 1 second and 1 hour.";
    }
}
