using Microsoft.Extensions.Options;
using Sori.Core.Outbox;
using Sori.Infrastructure.Outbox;

namespace Sori.Web.Workers;

/// <summary>Runs the outbox on this node: committed domain events go to their handlers (webhook fan-out, ...).</summary>
public sealed class OutboxWorker(OutboxProcessor processor, OutboxSignal signal, IOptions<OutboxOptions> options,
    IOptions<WorkerOptions> workers, TimeProvider clock, ILogger<OutboxWorker> logger) : PollingWorker(signal, clock, logger)
{
    private readonly string _nodeId = workers.Value.NodeIdFor("outbox");

    protected override TimeSpan PollInterval => options.Value.PollInterval;
    protected override TimeSpan WakeDelay => options.Value.WakeDelay;

    protected override async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var pass = await processor.RunOnceAsync(_nodeId, ct);
        return pass.Claimed >= options.Value.BatchSize;
    }
}
