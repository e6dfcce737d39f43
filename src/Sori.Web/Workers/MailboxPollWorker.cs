using Microsoft.Extensions.Options;
using Sori.Core.Data;
using Sori.Infrastructure.Email;

namespace Sori.Web.Workers;

/// <summary>
/// Polls mailboxes from this node: every <see cref="ImapOptions.DiscoverInterval"/> it takes the lease
/// of each active IMAP mailbox that no node holds and runs an <see cref="ImapPoller"/> session for it
/// until that ends (lease lost, mailbox changed) or the node stops. Several nodes share the mailboxes.
/// </summary>
public sealed class MailboxPollWorker(IServiceScopeFactory scopes, ImapPoller poller, IOptions<ImapOptions> options, IOptions<WorkerOptions> workers,
    TimeProvider clock, ILogger<MailboxPollWorker> log) : BackgroundService
{
    private readonly string _nodeId = workers.Value.NodeIdFor("imap");
    private readonly Dictionary<long, Task> _sessions = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var id in _sessions.Where(s => s.Value.IsCompleted).Select(s => s.Key).ToList()) _sessions.Remove(id);
            try { await StartSessionsAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { log.LogError(e, "Looking for mailboxes to poll failed; retrying in {Interval}", options.Value.DiscoverInterval); }
            try { await Task.Delay(options.Value.DiscoverInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        await Task.WhenAll(_sessions.Values); // each releases its lease as it ends
    }

    private async Task StartSessionsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var mailbox in await MailboxPollLease.CandidatesAsync(db, now, ct))
        {
            if (_sessions.ContainsKey(mailbox.Id) || !await MailboxPollLease.ClaimAsync(db, mailbox, _nodeId, options.Value.LeaseDuration, now, ct)) continue;
            log.LogInformation("Polling mailbox {Mailbox} ({Host}, folder {Folder})", mailbox.Address, mailbox.Imap!.Host, mailbox.Imap.Folder);
            _sessions[mailbox.Id] = Task.Run(async () =>
            {
                try { await poller.RunAsync(mailbox, _nodeId, ct); }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // The database failed under the session; its lease expires and a node starts it again.
                    log.LogError(e, "Polling mailbox {Mailbox} stopped", mailbox.Address);
                }
                catch (OperationCanceledException) { }
            }, CancellationToken.None);
        }
    }
}
