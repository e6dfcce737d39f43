using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Conversations;
using Sori.Core.Conversations.Inbound;
using Sori.Core.Data;
using Sori.Core.Outbox;
using Sori.Core.Tickets;

namespace Sori.Core.Channels.Email;

/// <summary>
/// A public reply (by an agent, a bot or an integration) on a ticket that came in by email becomes an email: this outbox handler
/// fixes its Message-ID, threading headers, subject and recipients on an outbound envelope and
/// queues an <see cref="EmailDelivery"/> for the sender. It only writes rows (SMTP happens in the
/// delivery worker), and a second run for the same event adds nothing (one delivery per message).
/// </summary>
public sealed class QueueReplyEmail(SoriDbContext db, MailboxDirectory mailboxes, TimeProvider clock) : IOutboxHandler
{
    private const int MaxReferences = 20;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Type != "message.created") return;
        var e = JsonSerializer.Deserialize<MessageAdded>(message.Payload, JsonDefaults.Web);
        // Public replies by agents, bots and integrations (API tokens); never notes, never the customer's own words.
        if (e is null || e.Visibility != "public" || e.AuthorKind == "customer") return;
        if (await db.EmailDeliveries.AnyAsync(d => d.MessageId == e.MessageId, ct)) return;

        var reply = await db.Messages.FirstOrDefaultAsync(m => m.Id == e.MessageId, ct);
        var ticket = await db.Tickets.Include(t => t.Requester).ThenInclude(c => c!.Emails).FirstOrDefaultAsync(t => t.Id == e.TicketId, ct);
        if (reply is null || ticket is null) return;
        if (await Queue(ticket, reply, automatic: false, ct) is not null) await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds the outbound envelope and delivery of <paramref name="reply"/> (saved, so it has its id) to
    /// the context, unsaved; null when the ticket has no mailbox to send from.
    /// </summary>
    public async Task<EmailDelivery?> Queue(Ticket ticket, Message reply, bool automatic, CancellationToken ct)
    {
        if (ticket.Channel != TicketChannel.Email) return null;
        var thread = await db.MessageEnvelopes.AsNoTracking().Where(x => x.TicketId == ticket.Id && x.Channel == TicketChannel.Email)
            .OrderBy(x => x.Id).ToListAsync(ct);
        var lastIn = thread.LastOrDefault(x => x.Direction == EnvelopeDirection.Inbound && x.MailboxId is not null && x.FromAddress is not null
                                              && x.Disposition is InboundDisposition.Created or InboundDisposition.Appended
                                                  or InboundDisposition.FollowUp or InboundDisposition.UnverifiedSender);
        var mailboxId = lastIn?.MailboxId ?? thread.LastOrDefault(x => x.MailboxId is not null)?.MailboxId;
        var mailbox = mailboxId is { } id ? await mailboxes.FindAsync(db, id, ct) : null;
        if (mailbox is null) return null; // not a mailbox's ticket (created by API with channel email): nothing to send from

        var to = lastIn?.ReplyTo ?? lastIn?.FromAddress ?? ticket.Requester?.PrimaryEmail;
        if (to is null) return null;
        var own = await mailboxes.OwnAddressesAsync(db, ct);
        var ccs = await db.TicketCcs.AsNoTracking().Where(c => c.TicketId == ticket.Id).OrderBy(c => c.AddedAt).Select(c => c.Address).ToListAsync(ct);
        if (ticket.Requester?.PrimaryEmail is { } requester && requester != to) ccs.Insert(0, requester);
        var cc = ccs.Where(a => a != to && !own.Contains(a)).Distinct(StringComparer.Ordinal).Take(50).ToList();

        var ids = thread.Select(x => x.ExternalId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var references = ids.Count <= MaxReferences ? ids : ids.Take(1).Concat(ids.TakeLast(MaxReferences - 1)).ToList();
        var inReplyTo = lastIn?.ExternalId ?? ids.LastOrDefault();
        var now = clock.GetUtcNow().UtcDateTime;
        var signature = automatic ? null : Signature(mailbox, ticket, reply);
        var envelope = MessageEnvelope.Outbound(mailbox.Id, NewMessageId(ticket.Number, reply.Id, mailbox.Address), inReplyTo, references,
            mailbox.Address, mailbox.FromName, [to], cc, ReplySubject(ticket.Subject, ticket.Number), ticket, reply, now, signature);
        var delivery = new EmailDelivery(reply, ticket.Id, mailbox.Id, envelope, now, automatic);
        if (mailbox.Smtp is null) delivery.FailNow($"Mailbox {mailbox.Address} has no SMTP settings; add them and resend.");
        db.MessageEnvelopes.Add(envelope);
        db.EmailDeliveries.Add(delivery);
        return delivery;
    }

    /// <summary>The language a customer is written to in: theirs when it is one the desk writes (ko, en), else the mailbox's.</summary>
    public static string Language(Ticket ticket, Mailbox mailbox) =>
        ticket.Requester?.Language is "ko" or "en" ? ticket.Requester.Language : mailbox.DefaultLanguage;

    /// <summary>The mailbox's signature in the customer's language, filled in; null when it has none for that language.</summary>
    public static string? Signature(Mailbox mailbox, Ticket ticket, Message reply) =>
        mailbox.Signature(Language(ticket, mailbox)) is { } template
            ? MailTemplate.Render(template, new Dictionary<string, string?>
            {
                [MailTemplate.AgentName] = reply.AuthorName,
                [MailTemplate.DeskName] = mailbox.DeskName,
                [MailTemplate.TicketNumber] = ticket.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [MailTemplate.CustomerName] = ticket.Requester?.Name,
            })
            : null;

    /// <summary>Unique and recognizably ours; the domain is the mailbox's, as mail clients expect.</summary>
    public static string NewMessageId(long ticketNumber, long messageId, string mailboxAddress) =>
        $"sori.{ticketNumber}.{messageId}.{Guid.NewGuid().ToString("N")[..12]}@{mailboxAddress[(mailboxAddress.LastIndexOf('@') + 1)..]}";

    /// <summary>"Re: subject [#1234]": one "Re:", and the ticket token that threads the answer even when a client drops the headers.</summary>
    public static string ReplySubject(string subject, long number)
    {
        var s = subject.Trim();
        var re = s.StartsWith("re:", StringComparison.OrdinalIgnoreCase) || s.StartsWith("회신:", StringComparison.Ordinal) || s.StartsWith("답장:", StringComparison.Ordinal);
        var full = Threading.WithToken(re ? s : "Re: " + s, number);
        if (full.Length <= Common.Limits.Subject) return full;
        var token = $" [#{number}]";
        return (re ? s : "Re: " + s)[..(Common.Limits.Subject - token.Length)] + token;
    }
}
