using Microsoft.Extensions.Options;
using Sori.Core.Webhooks;
using Sori.Infrastructure.Webhooks;

namespace Sori.Web.Workers;

/// <summary>Sends due webhook deliveries from this node, sharing the work with other nodes through leases.</summary>
public sealed class WebhookDeliveryWorker(WebhookDeliveryProcessor processor, WebhookDeliverySignal signal, IOptions<WebhookOptions> options,
    IOptions<WorkerOptions> workers, TimeProvider clock, ILogger<WebhookDeliveryWorker> logger) : PollingWorker(signal, clock, logger)
{
    private readonly string _nodeId = workers.Value.NodeIdFor("webhooks");

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<bool> RunOnceAsync(CancellationToken ct) =>
        await processor.RunOnceAsync(_nodeId, ct) >= options.Value.BatchSize;
}
