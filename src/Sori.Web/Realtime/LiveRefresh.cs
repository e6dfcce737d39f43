namespace Sori.Web.Realtime;

/// <summary>
/// Re-reads what a page shows when changes arrive: at once when the last refresh started at least
/// <c>interval</c> ago, otherwise once when the interval is over; never two at a time, and any number
/// of changes during one refresh cause exactly one more. A quiet desk sees every change at once; a
/// busy one costs an open page one refresh per interval, however many changes there are.
/// </summary>
public sealed class LiveRefresh(Func<Task> refresh, TimeSpan interval, TimeProvider clock) : IDisposable
{
    private readonly Lock _gate = new();
    private bool _running, _pending, _disposed;
    private long _lastStart = long.MinValue / 2;

    public void Trigger()
    {
        lock (_gate)
        {
            if (_disposed) return;
            if (_running)
            {
                _pending = true;
                return;
            }
            _running = true;
        }
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        while (true)
        {
            var wait = clock.GetElapsedTime(_lastStart);
            if (wait < interval)
            {
                try { await Task.Delay(interval - wait, clock); }
                catch (ObjectDisposedException) { }
            }
            _lastStart = clock.GetTimestamp();
            // A failed refresh leaves the page as it was (it shows its own errors); the next change tries again.
            // A page that went away meanwhile fails here too.
            try { await refresh(); }
            catch (Exception) { }
            lock (_gate)
            {
                if (!_pending || _disposed)
                {
                    _running = false;
                    return;
                }
                _pending = false;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate) _disposed = true;
    }
}
