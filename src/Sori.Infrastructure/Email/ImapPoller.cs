using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sori.Core.Channels.Email;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Infrastructure.Email;

/// <summary>
/// One mailbox's polling session on this node, while it holds the mailbox's lease: connect, sign in,
/// open the folder, take new mail, then IDLE (new mail ends it at once) or wait, renew the lease and
/// look again. Connection and sign-in problems are recorded on the mailbox (the API shows them) and
/// retried with capped exponential backoff. The session ends when the lease is lost, the mailbox is
/// changed, paused or deleted (the worker then starts a fresh one), or the node stops.
/// </summary>
public sealed class ImapPoller(IServiceScopeFactory scopes, ImapMailboxSync sync, MailAccessTokens tokens, IOptions<ImapOptions> options,
    TimeProvider clock, ILogger<ImapPoller> log)
{
    private ImapOptions O => options.Value;

    public async Task RunAsync(Mailbox mailbox, string nodeId, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    if (!await PollAsync(mailbox, nodeId, ct)) return;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
                catch (LeaseLostException) { return; }
                catch (Exception e)
                {
                    var error = Describe(e);
                    var failures = await Db(db => MailboxPollLease.FailedAsync(db, mailbox, nodeId, error, Now(), ct));
                    var delay = Backoff.WithJitter(Math.Max(failures, 1), O.RetryBaseDelay, O.RetryMaxDelay);
                    log.LogWarning(e is MailConnectionException ? null : e, "Mailbox {Mailbox}: {Error}; reconnecting in {Delay}", mailbox.Address, error, delay);
                    if (!await SleepKeepingLeaseAsync(mailbox, nodeId, delay, ct)) return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            try { await Db(db => MailboxPollLease.ReleaseAsync(db, mailbox, nodeId, CancellationToken.None)); }
            catch (Exception e) { log.LogDebug(e, "Releasing the poll lease of mailbox {Mailbox} failed; it will expire", mailbox.Id); }
        }
    }

    /// <summary>One connection's life; false when the session should end (lease lost, mailbox changed).</summary>
    private async Task<bool> PollAsync(Mailbox mailbox, string nodeId, CancellationToken ct)
    {
        var oauth2 = mailbox.Imap!.Auth == MailAuth.Oauth2 ? await tokens.ForAsync(mailbox.Id, ct) : null;
        using var client = await MailConnections.OpenImapAsync(mailbox.Imap!, O.Timeout, ct, oauth2);
        var folder = await MailConnections.OpenFolderAsync(client, mailbox.Imap!.Folder, ct);
        try
        {
            while (true)
            {
                if (!await Db(db => MailboxPollLease.RenewAsync(db, mailbox, nodeId, O.LeaseDuration, Now(), ct))) return false;
                var pass = await sync.RunAsync(client, folder, mailbox, nodeId, ct);
                if (pass.Taken > 0)
                    log.LogInformation("Mailbox {Mailbox}: took {Taken} messages ({New} new, {Duplicates} already received, {Skipped} left on the server)",
                        mailbox.Address, pass.Taken, pass.New, pass.Duplicates, pass.Skipped);
                await Db(db => MailboxPollLease.SucceededAsync(db, mailbox, nodeId, Now(), ct));
                await WaitForMailAsync(client, folder, ct);
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                try { await client.DisconnectAsync(true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None); }
                catch (Exception e) { log.LogDebug(e, "Logging out of the IMAP server of mailbox {Mailbox} failed", mailbox.Id); }
            }
        }
    }

    /// <summary>IDLE until the folder's message count changes or <see cref="ImapOptions.CheckInterval"/> passes; without IDLE, wait and NOOP.</summary>
    private async Task WaitForMailAsync(ImapClient client, IMailFolder folder, CancellationToken ct)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(O.CheckInterval, clock, ct);
            await client.NoOpAsync(ct);
            return;
        }
        using var done = new CancellationTokenSource(O.CheckInterval, clock);
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        folder.CountChanged += Arrived;
        try { await client.IdleAsync(done.Token, ct); }
        finally { folder.CountChanged -= Arrived; }
    }

    /// <summary>Waits out a backoff delay, renewing the lease so no other node takes over a mailbox that is only failing.</summary>
    private async Task<bool> SleepKeepingLeaseAsync(Mailbox mailbox, string nodeId, TimeSpan delay, CancellationToken ct)
    {
        for (var left = delay; left > TimeSpan.Zero; left -= O.CheckInterval)
        {
            await Task.Delay(left < O.CheckInterval ? left : O.CheckInterval, clock, ct);
            if (!await Db(db => MailboxPollLease.RenewAsync(db, mailbox, nodeId, O.LeaseDuration, Now(), ct))) return false;
        }
        return true;
    }

    private static string Describe(Exception e) => e switch
    {
        MailConnectionException m => m.Message,
        ImapProtocolException or IOException => $"The connection to the IMAP server broke off: {e.Message}",
        ImapCommandException c => $"The IMAP server refused a command: {c.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private async Task<T> Db<T>(Func<SoriDbContext, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SoriDbContext>());
    }
}
