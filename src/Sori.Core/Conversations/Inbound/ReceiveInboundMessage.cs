using Microsoft.EntityFrameworkCore;
using Sori.Core.Attachments;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Customers;
using Sori.Core.Data;
using Sori.Core.Outbox;
using Sori.Core.Tickets;

namespace Sori.Core.Conversations.Inbound;

public enum InboundOutcome { New, Threaded, Duplicate, Quarantined, Ignored }

public sealed record InboundResult(InboundOutcome Outcome, string Disposition, long? TicketId, long? TicketNumber, long? MessageId,
    long EnvelopeId, string? Reason);

/// <summary>Where new tickets from a source start: its team and the language of customers it creates.</summary>
public sealed record InboundDefaults(long? TeamId, string Language);

/// <summary>
/// The last step of every channel's pipeline: filters, then threading, customer matching and the
/// ticket change, all in one write unit with the message's envelope (<see cref="IWriteRunner"/>, ADR-006),
/// so concurrent messages from any transport share SQLite's group commits. The envelope's dedupe key is
/// unique, so a message received twice (a retry, a concurrent delivery) is taken once and the second
/// answer is "duplicate" with the first one's ticket: a redelivery is found before the unit, deliveries
/// that overlap in this process find each other in the unit (both run in the sender's lane, one after
/// the other), and the loser of a race with another process fails on the unique index, runs again and
/// finds the winner's envelope.
/// </summary>
public sealed class ReceiveInboundMessage(
    SoriDbContext db, MailboxDirectory mailboxes, IWriteRunner writes, ITicketNumberAllocator numbers, IAttachmentStore store, FindOrCreateCustomer customers,
    OrganizationDomains domains, InboundInFlight inFlight, AttachmentOptions attachmentOptions, EmailOptions emailOptions, TimeProvider clock)
{
    private const int MaxAttempts = 6;

    public async Task<InboundResult> Handle(InboundMessage m, InboundDefaults defaults, CancellationToken ct)
    {
        var (messageKey, senderKey) = ("message " + m.DedupeKey, m.From is null ? null : "sender " + m.From.Address);
        var message = inFlight.Enter(messageKey);
        var sender = senderKey is null ? null : inFlight.Enter(senderKey);
        try
        {
            return await Receive(m, defaults, message, sender, ct);
        }
        finally
        {
            inFlight.Exit(messageKey);
            if (senderKey is not null) inFlight.Exit(senderKey);
        }
    }

    private async Task<InboundResult> Receive(InboundMessage m, InboundDefaults defaults, InboundInFlight.Entry message, InboundInFlight.Entry? sender,
        CancellationToken ct)
    {
        // A redelivery (an IMAP message flagged too late, an import run again) is answered here, beside
        // other requests and before its files are stored again, without taking a turn of the writer.
        // Deliveries of one message at the same moment are told apart in the write unit (InboundInFlight),
        // and one from another process by the envelope's unique dedupe key, after which the unit runs again.
        if (await Existing(db, m.DedupeKey, ct) is { } seen) return seen;
        var own = await OwnAddresses(ct);
        var verdict = InboundFilters.Run(InboundFilters.Default, m, new InboundContext(own, emailOptions.SpamThreshold));
        // Held or ignored mail keeps only its raw original; its files are not unpacked into the store.
        var kept = m.From is not null && verdict.Kind is not (InboundKind.Spam or InboundKind.Loop);
        var files = kept ? await StoreAttachments(m, ct) : [];
        // Most mail comes from known customers: find the sender here, beside other requests, so the write
        // unit only creates a new one (InboundInFlight and the address's unique index keep it to one).
        var lookedUp = kept && verdict.Kind == InboundKind.Normal;
        var known = lookedUp
            ? await customers.FindExistingDetached(
                new FindOrCreateCustomer.Requester(null, m.From!.Name, m.From.Address, null, defaults.Language), "from", ct)
            : null;
        for (var attempt = 1; ; attempt++)
        {
            // A unit may run more than once (with its batch, then alone after another unit failed): only
            // its first run on the first attempt relies on the look-ups above; any later one makes its own.
            var runs = 0;
            var first = attempt == 1;
            try
            {
                return await writes.RunAsync((unitDb, unitCt) =>
                        Receive(unitDb, m, defaults, verdict, own, files, known,
                            lookedUp: first && ++runs == 1 && !message.Overlapped ? lookedUp && sender is { Overlapped: false } : null, unitCt), ct,
                    affinity: m.From?.Address);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Lost a race the runner did not settle: the same message written meanwhile (by another
                // process), or, on PostgreSQL, its ticket changed by another message after the unit read
                // it (optimistic concurrency). What is committed now decides; otherwise the unit runs
                // again, after a short random pause so writers on one hot ticket fall into line.
                db.ChangeTracker.Clear();
                if (await Existing(db, m.DedupeKey, ct) is { } raced) return raced;
                await Task.Delay(Backoff.WithJitter(attempt, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200), spread: 0.9), ct);
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
        var own = await OwnAddresses(ct);
        var verdict = InboundFilters.Run(InboundFilters.Default, m, new InboundContext(own, emailOptions.SpamThreshold));
        var files = await StoreAttachments(m, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Claim the envelope first: a concurrent release of the same mail waits here (PostgreSQL's row
        // lock, SQLite's single writer), then finds it released and stops before creating a ticket.
        var claimed = await db.MessageEnvelopes
            .Where(e => e.Id == envelope.Id && (e.Disposition == InboundDisposition.Quarantined || e.Disposition == InboundDisposition.Ignored))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Reason, e => e.Reason), ct);
        if (claimed == 0) throw new ConflictException("Only quarantined or ignored mail can be released.", "disposition");
        var problems = m.Problems.Concat(files.Where(f => f.Problem is not null).Select(f => f.Problem!)).ToList();
        var (threading, writer) = Parts(db);
        var target = await threading.FindTicket(m, bounce: false, ct);
        var outcome = await writer.Converse(new InboundTicketWriter.Input(m, verdict, defaults, own, files, problems, "", now), target, ct);
        envelope.Release(outcome, actor.Name);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result(envelope, envelope.Ticket?.Number);
    }

    /// <summary>
    /// The write unit: everything it reads and writes is on <paramref name="unit"/>, and it builds its entities itself (it may run twice).
    /// <paramref name="lookedUp"/> is null when the unit makes its own look-ups (of the message, and of the sender); otherwise the
    /// message was not stored yet, and when it is true the sender, looked up too with no other mail of theirs overlapping, is
    /// <paramref name="known"/>, or new.
    /// </summary>
    private async Task<InboundResult> Receive(SoriDbContext unit, InboundMessage m, InboundDefaults defaults, InboundVerdict verdict,
        IReadOnlySet<string> own, List<StoredFile> files, Customer? known, bool? lookedUp, CancellationToken ct)
    {
        if (lookedUp is null && await Existing(unit, m.DedupeKey, ct) is { } seen) return seen;
        var now = clock.GetUtcNow().UtcDateTime;
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
            var (threading, writer) = Parts(unit);
            var target = await threading.FindTicket(m, verdict.Kind == InboundKind.Bounce, ct);
            var inbound = new InboundTicketWriter.Input(m, verdict, defaults, own, files, problems, reason, now, known,
                SenderIsNew: lookedUp == true && known is null);
            envelope = verdict.Kind switch
            {
                InboundKind.Bounce => await writer.Bounce(inbound, target, ct),
                InboundKind.AutoReply => await writer.AutoReply(inbound, target, ct),
                _ => await writer.Converse(inbound, target, ct),
            };
        }
        unit.MessageEnvelopes.Add(envelope);
        await unit.SaveChangesAsync(ct);
        return Result(envelope, envelope.Ticket?.Number);
    }

    /// <summary>Threading and the ticket writer work on the context they are given: the unit's, not the request's.</summary>
    private (InboundThreading, InboundTicketWriter) Parts(SoriDbContext on)
    {
        var threading = new InboundThreading(on, domains);
        return (threading, new InboundTicketWriter(on, new FindOrCreateCustomer(on, clock), threading, numbers, domains));
    }

    private Task<IReadOnlySet<string>> OwnAddresses(CancellationToken ct) => mailboxes.OwnAddressesAsync(db, ct);

    // Asked for every message received: compiled once, not translated again each time.
    private static readonly CompiledPerModel<Func<SoriDbContext, string, CancellationToken, Task<MessageEnvelope?>>> EnvelopeByKey =
        new(() => EF.CompileAsyncQuery((SoriDbContext db, string key, CancellationToken ct) =>
            db.Set<MessageEnvelope>().AsNoTracking().FirstOrDefault(x => x.DedupeKey == key)));

    private static async Task<InboundResult?> Existing(SoriDbContext db, string key, CancellationToken ct)
    {
        var e = await EnvelopeByKey.For(db)(db, key, ct);
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
            var saved = await store.SaveAsync(a.Content, attachmentOptions.MaxFileBytes, ct);
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
