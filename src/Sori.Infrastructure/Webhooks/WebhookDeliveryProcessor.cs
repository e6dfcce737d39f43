using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Infrastructure.Webhooks;

/// <summary>
/// One pass of webhook sending for one node: lease the due deliveries, POST them a few at a time,
/// and record each outcome: succeeded, pending again after a jittered exponential backoff, or failed
/// once the attempts are used up.
/// </summary>
public sealed class WebhookDeliveryProcessor(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookDeliveryProcessor> log)
{
    private WebhookOptions O => options.Value;

    /// <summary>Returns how many deliveries were attempted; a full batch means more are probably due.</summary>
    public async Task<int> RunOnceAsync(string nodeId, CancellationToken ct)
    {
        List<ClaimedDelivery> batch;
        await using (var scope = scopes.CreateAsyncScope())
            batch = await WebhookDeliveryLease.ClaimAsync(scope.ServiceProvider.GetRequiredService<SoriDbContext>(), nodeId, O.BatchSize, O.LeaseDuration, Now(), ct);
        if (batch.Count == 0) return 0;

        var started = new HashSet<long>();
        try
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = O.Concurrency, CancellationToken = ct }, async (d, token) =>
            {
                lock (started) started.Add(d.Id);
                await DeliverAsync(d, nodeId, token);
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReleaseAsync(batch.Select(d => d.Id).Where(id => !started.Contains(id)).ToList(), nodeId);
            throw;
        }
        return batch.Count;
    }

    private async Task DeliverAsync(ClaimedDelivery d, string nodeId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        WebhookAttempt attempt;
        try { attempt = await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendAsync(d, ct); }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            attempt = new WebhookAttempt(false, null, $"{e.GetType().Name}: {e.Message}");
        }

        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var now = Now();
        // The request has been sent: record its outcome even while shutting down, or the receiver gets it twice.
        if (attempt.Succeeded)
        {
            await WebhookDeliveryLease.SucceedAsync(db, d.Id, nodeId, attempt.Status!.Value, now, CancellationToken.None);
            return;
        }
        var giveUp = d.Attempts >= O.MaxAttempts;
        var retryAt = giveUp ? (DateTime?)null : now + Backoff.WithJitter(d.Attempts, O.RetryBaseDelay, O.RetryMaxDelay);
        var error = attempt.Error ?? "failed";
        await WebhookDeliveryLease.FailAsync(db, d.Id, nodeId, attempt.Status, error[..Math.Min(error.Length, WebhookSender.MaxErrorLength)], retryAt, CancellationToken.None);
        if (giveUp) log.LogWarning("Webhook delivery {Id} ({Event}) to subscription {Subscription} failed {Attempts} times: {Error}; giving up",
            d.Id, d.EventType, d.SubscriptionId, d.Attempts, error);
        else log.LogInformation("Webhook delivery {Id} ({Event}) attempt {Attempt} failed: {Error}; retrying at {RetryAt:O}",
            d.Id, d.EventType, d.Attempts, error, retryAt);
    }

    private async Task ReleaseAsync(IReadOnlyCollection<long> ids, string nodeId)
    {
        if (ids.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await WebhookDeliveryLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<SoriDbContext>(), ids, nodeId, CancellationToken.None);
        }
        catch (Exception e) { log.LogDebug(e, "Releasing {Count} webhook deliveries on shutdown failed; their lease will expire", ids.Count); }
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
