using Microsoft.EntityFrameworkCore;
using Sori.Core.Attachments;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Conversations.Inbound;

public enum InboundOutcome { New, Threaded, Duplicate, Quarantined, Ignored }

public sealed record InboundResult(InboundOutcome Outcome, string Disposition, long? TicketId, long? TicketNumber, long? MessageId,
    long EnvelopeId, string? Reason);

/// <summary>Where new tickets from a source start: its team and the language of customers it creates.</summary>
public sealed record InboundDefaults(long? TeamId, string Language);

/// <summary>
/// The last step of every channel's pipeline: filters, then threading, customer matching and the
/// ticket change, all in one transaction with the message's envelope. The envelope's dedupe key is
/// unique, so a message received twice (a retry, a concurrent delivery) is taken once and the
/// second answer is "duplicate" with the first one's ticket.
/// </summary>
public sealed class ReceiveInboundMessage(
    SoriDbContext db, InboundThreading threading, InboundTicketWriter writer, IAttachmentStore store,
    AttachmentOptions attachmentOptions, EmailOptions emailOptions, TimeProvider clock)
{
    public async Task<InboundResult> Handle(InboundMessage m, InboundDefaults defaults, CancellationToken ct)
    {
        if (await Existing(m.DedupeKey, ct) is { } seen) return seen;
        var own = (await db.Mailboxes.AsNoTracking().Select(x => x.Address).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var verdict = InboundFilters.Run(InboundFilters.Default, m, new InboundContext(own, emailOptions.SpamThreshold));
        // Held or ignored mail keeps only its raw original; its files are not unpacked into the store.
        var files = m.From is null || verdict.Kind is InboundKind.Spam or InboundKind.Loop ? [] : await StoreAttachments(m, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Receive(m, defaults, verdict, own, files, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another delivery of the same message won the race (unique dedupe key), or a customer
                // with this address was created meanwhile: start again from what is committed.
                db.ChangeTracker.Clear();
                if (await Existing(m.DedupeKey, ct) is { } raced) return raced;
            }
        }
    }

    /// <summary>
    /// Lets held (quarantined) or ignored mail through as a person's message: it is threaded and
    /// creates or joins a ticket like any other; its envelope is updated, not duplicated.
    /// </summary>
    public async Task<InboundResult> Release(MessageEnvelope envelope, InboundMessage m, InboundDefaults defaults, Actor actor, CancellationToken ct)
    {
        if (m.From is null) throw new ConflictException("This mail has no valid sender address, so it cannot become a ticket.", "from");
        var own = (await db.Mailboxes.AsNoTracking().Select(x => x.Address).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var verdict = InboundFilters.Run(InboundFilters.Default, m, new InboundContext(own, emailOptions.SpamThreshold));
        var files = await StoreAttachments(m, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var problems = m.Problems.Concat(files.Where(f => f.Problem is not null).Select(f => f.Problem!)).ToList();
        var target = await threading.FindTicket(m, bounce: false, ct);
        var outcome = await writer.Converse(new InboundTicketWriter.Input(m, verdict, defaults, own, files, problems, "", now), target, ct);
        envelope.Release(outcome, actor.Name);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result(envelope, envelope.Ticket?.Number);
    }

    private async Task<InboundResult> Receive(InboundMessage m, InboundDefaults defaults, InboundVerdict verdict,
        IReadOnlySet<string> own, List<StoredFile> files, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var problems = m.Problems.Concat(files.Where(f => f.Problem is not null).Select(f => f.Problem!)).ToList();
        var reason = string.Join("; ", new[] { verdict.Reason }.Concat(problems).Where(r => r is not null));
        MessageEnvelope envelope;
        if (m.From is null)
            envelope = MessageEnvelope.Inbound(m, InboundDisposition.Quarantined, Join("no valid sender address", reason), verdict.SpamScore, now);
        else if (verdict.Kind == InboundKind.Spam)
            envelope = MessageEnvelope.Inbound(m, InboundDisposition.Quarantined, reason, verdict.SpamScore, now);
        else if (verdict.Kind == InboundKind.Loop)
            envelope = MessageEnvelope.Inbound(m, InboundDisposition.Ignored, reason, verdict.SpamScore, now);
        else
        {
            var target = await threading.FindTicket(m, verdict.Kind == InboundKind.Bounce, ct);
            var inbound = new InboundTicketWriter.Input(m, verdict, defaults, own, files, problems, reason, now);
            envelope = verdict.Kind switch
            {
                InboundKind.Bounce => await writer.Bounce(inbound, target, ct),
                InboundKind.AutoReply => await writer.AutoReply(inbound, target, ct),
                _ => await writer.Converse(inbound, target, ct),
            };
        }
        db.MessageEnvelopes.Add(envelope);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result(envelope, envelope.Ticket?.Number);
    }

    private async Task<InboundResult?> Existing(string key, CancellationToken ct)
    {
        var e = await db.MessageEnvelopes.AsNoTracking().FirstOrDefaultAsync(x => x.DedupeKey == key, ct);
        if (e is null) return null;
        var number = e.TicketId is { } id ? await db.Tickets.Where(t => t.Id == id).Select(t => (long?)t.Number).FirstOrDefaultAsync(ct) : null;
        return Result(e, number) with { Outcome = InboundOutcome.Duplicate };
    }

    /// <summary>Files go to the content-addressed store before the transaction: a rollback leaves at most an unreferenced file.</summary>
    private async Task<List<StoredFile>> StoreAttachments(InboundMessage m, CancellationToken ct)
    {
        var stored = new List<StoredFile>();
        foreach (var a in m.Attachments.Take(attachmentOptions.MaxFilesPerMessage))
        {
            var saved = await store.SaveAsync(new MemoryStream(a.Content, false), attachmentOptions.MaxFileBytes, ct);
            stored.Add(saved is { } s
                ? new StoredFile(a, s.Sha256, s.Size, null)
                : new StoredFile(a, "", 0, $"Attachment \"{a.FileName}\" was not stored: it is over the size limit."));
        }
        return stored;
    }

    private static InboundResult Result(MessageEnvelope e, long? number) => new(
        e.Disposition switch
        {
            InboundDisposition.Created or InboundDisposition.FollowUp or InboundDisposition.UnverifiedSender => InboundOutcome.New,
            InboundDisposition.Appended or InboundDisposition.AutoReply or InboundDisposition.Bounce => InboundOutcome.Threaded,
            InboundDisposition.Quarantined => InboundOutcome.Quarantined,
            _ => InboundOutcome.Ignored,
        },
        TicketStatusRules.ToWire(e.Disposition), e.TicketId, number, e.MessageId, e.Id, e.Reason);

    private static string Join(string first, string rest) => rest.Length == 0 ? first : first + "; " + rest;
}

/// <summary>An attachment in the store (or, with a problem, one that was refused).</summary>
public sealed record StoredFile(InboundAttachment Source, string Sha256, long Size, string? Problem);
