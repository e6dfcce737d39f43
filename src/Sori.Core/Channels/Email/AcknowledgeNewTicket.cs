using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Conversations;
using Sori.Core.Data;
using Sori.Core.Outbox;
using Sori.Core.Tickets;

namespace Sori.Core.Channels.Email;

/// <summary>
/// Answers a new email ticket at once, when its mailbox asks for it: the ticket number, that a reply
/// joins the ticket, and an honest wait estimate from recent first-response times and the open queue,
/// in the customer's language (ko or en). Never to automatic or mass mail (tagged so by the inbound
/// filters), to a sender outside a linked ticket, or twice. The message is kept on the ticket as a
/// public system message and sent like a reply, marked Auto-Submitted.
/// </summary>
public sealed class AcknowledgeNewTicket(SoriDbContext db, MailboxDirectory mailboxes, QueueReplyEmail replies, TimeProvider clock) : IOutboxHandler
{
    public const string Author = "Sori";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Type != "ticket.created") return;
        var e = JsonSerializer.Deserialize<TicketCreated>(message.Payload, JsonDefaults.Web);
        if (e is null || e.Channel != "email" || !await mailboxes.AnyAcknowledgesAsync(db, ct)) return;
        var first = await db.MessageEnvelopes.AsNoTracking().Where(x => x.TicketId == e.TicketId && x.Direction == EnvelopeDirection.Inbound)
            .OrderBy(x => x.Id).FirstOrDefaultAsync(ct);
        if (first is not { Disposition: InboundDisposition.Created or InboundDisposition.FollowUp, MailboxId: { } mailboxId }) return;
        var mailbox = await mailboxes.FindAsync(db, mailboxId, ct);
        if (mailbox is not { AutoAcknowledge: true, IsActive: true }) return;
        var ticket = await db.Tickets.Include(t => t.Requester).ThenInclude(c => c!.Emails).Include(t => t.Tags).FirstOrDefaultAsync(t => t.Id == e.TicketId, ct);
        if (ticket is null || ticket.IsClosed || ticket.TagNames.Any(t => t is "bulk" or "automated" or "auto-reply")) return;
        if (await db.Messages.AnyAsync(m => m.TicketId == ticket.Id && m.AuthorKind == AuthorKind.System && m.AuthorName == Author, ct)) return;

        var now = clock.GetUtcNow().UtcDateTime;
        var language = QueueReplyEmail.Language(ticket, mailbox);
        var wait = await EstimateWait(now, ct);
        var text = mailbox.Acknowledgement(language) is { } template
            ? MailTemplate.Render(template, new Dictionary<string, string?>
            {
                [MailTemplate.CustomerName] = ticket.Requester?.Name,
                [MailTemplate.DeskName] = mailbox.DeskName,
                [MailTemplate.TicketNumber] = ticket.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [MailTemplate.Wait] = WaitSentence(language, wait),
            })
            : Text(language, ticket.Requester?.Name, ticket.Number, wait, mailbox.DeskName);
        var ack = ticket.AddAutomaticReply(Author, text, now);
        await db.SaveChangesAsync(ct); // the message needs its id for its Message-ID
        if (await replies.Queue(ticket, ack, automatic: true, ct) is not null) await db.SaveChangesAsync(ct);
    }

    /// <summary>How long customers wait now: the median first response of the last week's answered tickets, and how many wait.</summary>
    public sealed record WaitEstimate(TimeSpan Typical, int Open, bool Busy);

    private async Task<WaitEstimate?> EstimateWait(DateTime now, CancellationToken ct)
    {
        var since = now.AddDays(-7);
        var recent = await db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= since && t.FirstResponseAt != null)
            .OrderByDescending(t => t.Id).Take(200).Select(t => new { t.CreatedAt, t.FirstResponseAt }).ToListAsync(ct);
        if (recent.Count < 5) return null; // too little to say anything honest
        var times = recent.Select(t => t.FirstResponseAt!.Value - t.CreatedAt).Order().ToList();
        var typical = times[times.Count / 2];
        var open = await db.Tickets.CountAsync(t => t.Status == TicketStatus.New || t.Status == TicketStatus.Open, ct);
        var perDay = recent.Count / 7.0;
        return new WaitEstimate(typical, open, open > Math.Max(10, 2 * perDay));
    }

    /// <summary>The built-in acknowledgement, used when the mailbox has no text of its own for the language.</summary>
    public static string Text(string language, string? name, long number, WaitEstimate? wait, string signature)
    {
        var estimate = wait is null ? "" : "\n" + WaitSentence(language, wait);
        if (language == "en")
        {
            return $"Hello{(string.IsNullOrWhiteSpace(name) ? "" : " " + name)},\n\nWe have received your message. Your ticket number is #{number}; "
                   + $"reply to this email to add anything to it.{estimate}\n\n{signature}";
        }
        return $"안녕하세요{(string.IsNullOrWhiteSpace(name) ? "" : ", " + name + "님")}.\n\n문의가 접수되었습니다. 접수 번호는 #{number}입니다. "
               + $"이 메일에 회신하시면 같은 문의로 이어집니다.{estimate}\n\n{signature} 드림";
    }

    /// <summary>How long the customer will likely wait, in one sentence ({wait} in templates); empty when there is too little to say.</summary>
    public static string WaitSentence(string language, WaitEstimate? wait)
    {
        if (wait is null) return "";
        var hours = Math.Max(1, (int)Math.Ceiling(wait.Typical.TotalHours));
        if (language == "en")
            return wait.Busy
                ? $"We are receiving more messages than usual, so a reply may take about {hours} hour{(hours == 1 ? "" : "s")}."
                : $"We usually reply within about {hours} hour{(hours == 1 ? "" : "s")}.";
        return wait.Busy ? $"현재 문의가 많아 답변까지 약 {hours}시간이 걸릴 수 있습니다." : $"보통 {hours}시간 안에 답변드리고 있습니다.";
    }
}
