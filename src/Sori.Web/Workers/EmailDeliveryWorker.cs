using Microsoft.Extensions.Options;
using Sori.Core.Channels.Email;
using Sori.Infrastructure.Email;

namespace Sori.Web.Workers;

/// <summary>Sends queued reply emails from this node, sharing the work with other nodes through leases.</summary>
public sealed class EmailDeliveryWorker(EmailDeliveryProcessor processor, EmailDeliverySignal signal, IOptions<SmtpOptions> options,
    IOptions<WorkerOptions> workers, TimeProvider clock, ILogger<EmailDeliveryWorker> logger) : PollingWorker(signal, clock, logger)
{
    private readonly string _nodeId = workers.Value.NodeIdFor("smtp");

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<bool> RunOnceAsync(CancellationToken ct) =>
        await processor.RunOnceAsync(_nodeId, ct) >= options.Value.BatchSize;
}
