namespace Sori.Core.Outbox;

/// <summary>
/// Wakes a polling worker as soon as this process commits work for it; other nodes still find that
/// work by polling. Notifications coalesce: many before a wait wake it once.
/// </summary>
public class WorkSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try { _pending.Release(); }
        catch (SemaphoreFullException) { } // already pending: one wake-up covers every notification
    }

    /// <summary>
    /// Returns true on a notification (pending or arriving), false after <paramref name="timeout"/>
    /// (measured by <paramref name="clock"/>) or on cancellation.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        if (_pending.Wait(0)) return true;
        if (timeout <= TimeSpan.Zero) return false;
        using var timer = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, ct);
        try
        {
            await _pending.WaitAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) { return false; }
    }
}

/// <summary>New outbox rows were committed in this process.</summary>
public sealed class OutboxSignal : WorkSignal;
