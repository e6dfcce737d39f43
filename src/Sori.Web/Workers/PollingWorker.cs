using Sori.Core.Outbox;

namespace Sori.Web.Workers;

/// <summary>
/// The loop every leased worker shares: run a pass; if it was full, run the next at once; otherwise
/// sleep until this process signals new work or the poll interval passes (work from other nodes).
/// A failing pass (database down) is logged and retried after the interval; it never stops the host.
/// </summary>
public abstract class PollingWorker(WorkSignal signal, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>
    /// After a wake-up, how long to let more signals arrive before the pass, so that under load one
    /// pass takes the work of many commits instead of one pass per commit competing with the writers.
    /// </summary>
    protected virtual TimeSpan WakeDelay => TimeSpan.Zero;

    /// <summary>One pass; returns true when more work is probably waiting right now.</summary>
    protected abstract Task<bool> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting before the first pass
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try { more = await RunOnceAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { logger.LogError(e, "{Worker} pass failed; retrying in {Interval}", GetType().Name, PollInterval); }
            if (!more && await signal.WaitAsync(PollInterval, clock, stoppingToken) && WakeDelay > TimeSpan.Zero)
            {
                try { await Task.Delay(WakeDelay, clock, stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            }
        }
    }
}
