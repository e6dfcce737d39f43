using Sori.Core.Outbox;

namespace Sori.Web.Realtime;

/// <summary>
/// With several nodes, a node that runs no workers (Sori:Workers:Enabled=false) would leave its outbox
/// rows to the other nodes' next poll (seconds). Over the bus it wakes them instead: here the commit
/// signal nobody on this node waits for is forwarded; there a wake-up is turned into a local signal.
/// </summary>
public sealed class OutboxWakeRelay(ILiveBus bus, OutboxSignal signal, TimeProvider clock, bool forward) : BackgroundService
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!forward)
        {
            bus.Received += e => { if (e.WakeOutbox) signal.Notify(); };
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!await signal.WaitAsync(TimeSpan.FromMinutes(10), clock, stoppingToken)) continue;
                await Task.Delay(Coalesce, clock, stoppingToken); // one wake-up for a burst of commits
                bus.Publish(new LiveEnvelope(bus.NodeId, WakeOutbox: true));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
