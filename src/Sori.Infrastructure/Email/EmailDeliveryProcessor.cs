using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Sori.Core.Attachments;
using Sori.Core.Channels.Email;
using Sori.Core.Conversations;
using Sori.Core.Data;
using Sori.Core.Outbox;

namespace Sori.Infrastructure.Email;

/// <summary>
/// One pass of reply sending for one node: lease due deliveries, build each reply's MIME message from
/// its envelope, send it through its mailbox's SMTP server, and record the outcome: sent, pending
/// again after a jittered exponential backoff, or failed (attempts used up, or refused for good).
/// </summary>
public sealed class EmailDeliveryProcessor(IServiceScopeFactory scopes, IAttachmentStore store, MailAccessTokens tokens, IOptions<SmtpOptions> options,
    TimeProvider clock, ILogger<EmailDeliveryProcessor> log)
{
    private SmtpOptions O => options.Value;

    /// <summary>Returns how many deliveries were attempted; a full batch means more are probably due.</summary>
    public async Task<int> RunOnceAsync(string nodeId, CancellationToken ct)
    {
        List<EmailDelivery> batch;
        await using (var scope = scopes.CreateAsyncScope())
            batch = await EmailDeliveryLease.ClaimAsync(scope.ServiceProvider.GetRequiredService<SoriDbContext>(), nodeId, O.BatchSize, O.LeaseDuration, Now(), ct);
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

    private async Task DeliverAsync(EmailDelivery d, string nodeId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        string? error = null;
        var permanent = false;
        try
        {
            var (mail, smtp) = await BuildAsync(db, d, ct);
            var oauth2 = smtp.Auth == MailAuth.Oauth2 ? await tokens.ForAsync(d.MailboxId!.Value, ct) : null;
            using var client = await MailConnections.OpenSmtpAsync(smtp, O.Timeout, ct, oauth2);
            await client.SendAsync(mail, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (UnsendableException e) { (error, permanent) = (e.Message, true); }
        catch (SmtpCommandException e)
        {
            // 5xx on the sender or a recipient will not change by waiting; 4xx (greylisting, full mailbox) may.
            permanent = (int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted;
            error = $"The SMTP server refused the message ({(int)e.StatusCode}): {e.Message}";
        }
        catch (Exception e) { error = e is MailConnectionException ? e.Message : $"{e.GetType().Name}: {e.Message}"; }

        var now = Now();
        // The message may have left: record the outcome even while shutting down, or it would be sent twice.
        if (error is null)
        {
            await EmailDeliveryLease.SucceedAsync(db, d.Id, nodeId, now, CancellationToken.None);
            return;
        }
        var giveUp = permanent || d.Attempts >= O.MaxAttempts;
        var retryAt = giveUp ? (DateTime?)null : now + Backoff.WithJitter(d.Attempts, O.RetryBaseDelay, O.RetryMaxDelay);
        await EmailDeliveryLease.FailAsync(db, d.Id, nodeId, error.Length <= MailLimits.Error ? error : error[..MailLimits.Error], retryAt, CancellationToken.None);
        if (giveUp) log.LogWarning("Reply email {Id} (message {Message}) failed after {Attempts} attempts: {Error}", d.Id, d.MessageId, d.Attempts, error);
        else log.LogInformation("Reply email {Id} attempt {Attempt} failed: {Error}; retrying at {RetryAt:O}", d.Id, d.Attempts, error, retryAt);
    }

    private async Task<(MimeMessage, MailServer)> BuildAsync(SoriDbContext db, EmailDelivery d, CancellationToken ct)
    {
        var envelope = await db.MessageEnvelopes.AsNoTracking().FirstOrDefaultAsync(e => e.Id == d.EnvelopeId, ct)
                       ?? throw new UnsendableException("The reply's envelope is gone.");
        var message = await db.Messages.AsNoTracking().Include(m => m.Attachments).FirstOrDefaultAsync(m => m.Id == d.MessageId, ct)
                      ?? throw new UnsendableException("The reply was deleted.");
        var mailbox = d.MailboxId is { } id ? await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) : null;
        if (mailbox is null) throw new UnsendableException("The mailbox this reply was to be sent from no longer exists.");
        if (mailbox.Smtp is null) throw new UnsendableException($"Mailbox {mailbox.Address} has no SMTP settings; add them and resend.");
        var files = message.Attachments.Select(a => new ReplyFile(a.FileName, a.ContentType, a.ContentId, () => store.OpenRead(a.Sha256))).ToList();
        try { return (ReplyMail.Build(envelope, message, files, clock.GetUtcNow(), d.Automatic), mailbox.Smtp); }
        catch (FileNotFoundException e) { throw new UnsendableException(e.Message); }
    }

    private async Task ReleaseAsync(IReadOnlyCollection<long> ids, string nodeId)
    {
        if (ids.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await EmailDeliveryLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<SoriDbContext>(), ids, nodeId, CancellationToken.None);
        }
        catch (Exception e) { log.LogDebug(e, "Releasing {Count} email deliveries on shutdown failed; their lease will expire", ids.Count); }
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    /// <summary>A reply that cannot be sent as things stand; retrying will not help until someone changes something.</summary>
    private sealed class UnsendableException(string message) : Exception(message);
}
