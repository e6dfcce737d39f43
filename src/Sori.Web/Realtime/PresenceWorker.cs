namespace Sori.Web.Realtime;

/// <summary>Ticks the presence tracker once a second: typing time-outs, silent nodes, heartbeats.</summary>
public sealed class PresenceWorker(PresenceTracker presence, TimeProvider clock, ILogger<PresenceWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { presence.Tick(); }
                catch (Exception e) { log.LogError(e, "Presence tick failed"); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
