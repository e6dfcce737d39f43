namespace Sori.Core.Outbox;

/// <summary>Retry delays that double per attempt up to a cap, so a failing receiver or handler is not hammered.</summary>
public static class Backoff
{
    /// <summary>The delay after the <paramref name="attempt"/>-th failure (1-based): baseDelay · 2^(attempt−1), at most <paramref name="cap"/>.</summary>
    public static TimeSpan Exponential(int attempt, TimeSpan baseDelay, TimeSpan cap)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30); // 2^30 · any sane base is past every cap; avoids overflow
        var ticks = baseDelay.Ticks * (double)(1L << exponent);
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The exponential delay scaled by a random factor in [1 − spread, 1], so many deliveries that failed
    /// together (a receiver outage) do not all retry in the same second.
    /// </summary>
    public static TimeSpan WithJitter(int attempt, TimeSpan baseDelay, TimeSpan cap, double spread = 0.25, Random? random = null)
    {
        var delay = Exponential(attempt, baseDelay, cap);
        var factor = 1 - spread * (random ?? Random.Shared).NextDouble();
        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }
}
