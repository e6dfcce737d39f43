using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Customers;
using Sori.Core.Data;
using Sori.Core.Outbox;
using Sori.Core.Tickets;

namespace Sori.Core.Conversations.Inbound;

/// <summary>The ticket changes for a received message, by kind; each returns the envelope to save with them.</summary>
public sealed class InboundTicketWriter(
    SoriDbContext db, FindOrCreateCustomer customers, InboundThreading threading, ITicketNumberAllocator numbers, OrganizationDomains domains)
{
    /// <param name="Known">The sender as found before the write unit (untracked), or null: then the unit looks them up (and creates them).</param>
    /// <param name="SenderIsNew">The sender was looked up before the unit and not found: the unit creates them without looking again.</param>
    public sealed record Input(InboundMessage M, InboundVerdict Verdict, InboundDefaults Defaults, IReadOnlySet<string> Own,
        List<StoredFile> Files, List<string> Problems, string Reason, DateTime Now, Customer? Known = null, bool SenderIsNew = false);

    private const string MailSystem = "Mail Delivery System";

    /// <summary>A person's message: joins its ticket when the sender belongs there, otherwise opens one (linked when it pointed somewhere).</summary>
    public async Task<MessageEnvelope> Converse(Input i, ThreadTarget? target, CancellationToken ct)
    {
        var customer = await Sender(i, ct);
        var belongs = target is not null && await threading.SenderBelongs(target.Ticket, customer, i.M.From!.Address, ct);
        var decision = Threading.Decide(target is not null, target?.Ticket.IsClosed == true, belongs);
        var actor = ActorFor(customer);
        if (decision == ThreadDecision.Join)
        {
            var joined = target!.Ticket;
            var (text, html, original) = Body(i.M, reply: true);
            var reply = joined.AddCustomerMessage(customer, text, html, TicketChannel.Email, null, actor, i.Now);
            Attach(reply, i, actor);
            await Finish(joined, i, actor, ct);
            return Envelope(i, InboundDisposition.Appended, joined, reply, original);
        }

        var (body, bodyHtml, full) = Body(i.M, reply: false);
        var keys = await numbers.NextAsync(db, ct, newRequester: customer.Id == 0);
        var ticket = Ticket.Create(keys.Number, Subject(i), customer, TicketChannel.Email, TicketPriority.Normal, TicketType.Question, actor, i.Now);
        var first = ticket.AddCustomerMessage(customer, body, bodyHtml, TicketChannel.Email, null, actor, i.Now);
        Attach(first, i, actor);
        if (i.Defaults.TeamId is { } team) ticket.AssignTeam(team, actor, i.Now);
        var disposition = decision switch
        {
            ThreadDecision.FollowUp => InboundDisposition.FollowUp,
            ThreadDecision.UnverifiedSender => InboundDisposition.UnverifiedSender,
            _ => InboundDisposition.Created,
        };
        if (disposition != InboundDisposition.Created) ticket.LinkTo(target!.Ticket, TicketStatusRules.ToWire(disposition), actor, i.Now);
        if (disposition == InboundDisposition.UnverifiedSender) ticket.AddTags(["unverified-sender"], actor, i.Now);
        keys.ApplyTo(db, ticket, first);
        db.Tickets.Add(ticket);
        await Finish(ticket, i, actor, ct);
        return Envelope(i, disposition, ticket, first, full);
    }

    /// <summary>An out-of-office or read receipt joins only the open ticket it answers, without reopening it; otherwise it is only recorded.</summary>
    public async Task<MessageEnvelope> AutoReply(Input i, ThreadTarget? target, CancellationToken ct)
    {
        var existing = await customers.Find(i.M.From!.Address, ct);
        if (target is not { ByHeader: true, Ticket.IsClosed: false } || !await threading.SenderBelongs(target.Ticket, existing, i.M.From.Address, ct))
            return MessageEnvelope.Inbound(i.M, InboundDisposition.Ignored, Join(i.Reason, "automatic reply to no open ticket of this sender"), i.Verdict.SpamScore, i.Now);
        var customer = existing ?? await Sender(i, ct);
        var actor = ActorFor(customer);
        var (text, html, original) = Body(i.M, reply: true);
        var message = target.Ticket.AddCustomerMessage(customer, text, html, TicketChannel.Email, null, actor, i.Now, reopen: false);
        Attach(message, i, actor);
        target.Ticket.AddTags(["auto-reply"], actor, i.Now);
        await Finish(target.Ticket, i, actor, ct);
        return Envelope(i, InboundDisposition.AutoReply, target.Ticket, message, original);
    }

    /// <summary>A delivery failure becomes an internal note on the ticket whose mail bounced, which is flagged.</summary>
    public Task<MessageEnvelope> Bounce(Input i, ThreadTarget? target, CancellationToken ct)
    {
        if (target is not { Ticket.IsClosed: false })
            return Task.FromResult(MessageEnvelope.Inbound(i.M, InboundDisposition.Ignored, Join(i.Reason, "bounce for no open ticket"), i.Verdict.SpamScore, i.Now));
        var ticket = target.Ticket;
        var failed = i.M.Report?.FailedRecipients is { Count: > 0 } f ? string.Join(", ", f) : i.M.From!.Address;
        var details = HtmlContent.Normalize(i.M.Text, i.M.Html).Text;
        var text = $"메일이 전달되지 않았습니다 / Mail could not be delivered: {failed}" + (i.M.Report?.Status is { } s ? $" ({s})" : "")
                   + "\n\n" + (details.Length > 4000 ? details[..4000] + "…" : details);
        var note = ticket.AddSystemNote(MailSystem, text, TicketChannel.Email, i.Now);
        Attach(note, i, Actor.System with { Name = MailSystem });
        ticket.AddTags(["bounce"], Actor.System with { Name = MailSystem }, i.Now);
        return Task.FromResult(Envelope(i, InboundDisposition.Bounce, ticket, note, null));
    }

    private async Task<Customer> Sender(Input i, CancellationToken ct)
    {
        var from = i.M.From!;
        if (i.Known is { } known)
        {
            if (db.Customers.Local.FindEntry(known.Id)?.Entity is { } tracked) return tracked;
            db.Customers.Attach(known);
            return known;
        }
        var requester = new FindOrCreateCustomer.Requester(null, from.Name, from.Address, null, i.Defaults.Language);
        var customer = i.SenderIsNew ? customers.CreateNew(requester) : await customers.Handle(requester, "from", ct);
        if (customer.Id == 0) customer.OrganizationId ??= await domains.OrganizationForAsync(db, from.Address, ct);
        return customer;
    }

    /// <summary>CCs, flags for mass or automatic mail, and a note about anything that could not be kept.</summary>
    private async Task Finish(Ticket ticket, Input i, Actor actor, CancellationToken ct)
    {
        // A ticket being created has no CCs yet; its id tells nothing, as on PostgreSQL it is reserved before this.
        var known = IsBeingCreated(ticket) ? []
            : await db.TicketCcs.Where(c => c.TicketId == ticket.Id).Select(c => c.Address).ToListAsync(ct);
        var fresh = i.M.To.Concat(i.M.Cc)
            .Where(p => !i.Own.Contains(p.Address) && p.Address != i.M.From!.Address && !known.Contains(p.Address)
                        && ticket.Requester?.Emails.Any(e => e.Address == p.Address) != true)
            .DistinctBy(p => p.Address).Take(Math.Max(0, 50 - known.Count));
        foreach (var p in fresh) db.TicketCcs.Add(new TicketCc(ticket, p.Address, p.Name, i.Now));
        var tags = new List<string>();
        if (i.Verdict.Bulk) tags.Add("bulk");
        if (i.Verdict.Automated) tags.Add("automated");
        if (tags.Count > 0) ticket.AddTags(tags, actor, i.Now);
        if (i.Problems.Count > 0)
            ticket.AddSystemNote("Sori", "이 메일의 일부를 저장하지 못했습니다 / Part of this mail was not kept:\n- " + string.Join("\n- ", i.Problems),
                TicketChannel.Email, i.Now);
    }

    /// <summary>
    /// Whether the ticket is being added by this unit. The tracker's state is set when the ticket is added;
    /// reading it without detecting changes first spares a scan of the ticket's whole graph.
    /// </summary>
    private bool IsBeingCreated(Ticket ticket)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.Entry(ticket).State == EntityState.Added;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static void Attach(Message message, Input i, Actor actor)
    {
        foreach (var f in i.Files.Where(f => f.Problem is null))
            message.Attachments.Add(new Attachment(f.Source.FileName, f.Source.ContentType, f.Size, f.Sha256, f.Source.ContentId, actor, i.Now));
    }

    /// <summary>What the ticket shows: a reply without its quoted history, any message without its signature; the full text is kept apart.</summary>
    private static (string Text, string? Html, string? Original) Body(InboundMessage m, bool reply)
    {
        var html = m.Html is null ? null : reply ? QuotedText.TrimReplyHtml(m.Html) : m.Html;
        var (full, safeHtml) = HtmlContent.Normalize(m.Text, html);
        if (reply && m.Text.Length == 0 && m.Html is not null) full = HtmlContent.Normalize(null, m.Html).Text;
        var shown = reply ? QuotedText.TrimReply(full) : QuotedText.TrimSignatureOnly(full);
        return (shown, safeHtml, shown == full ? null : full);
    }

    private static string Subject(Input i) =>
        i.M.Subject.Length > 0 ? i.M.Subject : i.Defaults.Language == "en" ? "(no subject)" : "(제목 없음)";

    private static Actor ActorFor(Customer c) => new(ActorKind.Customer, c.Id == 0 ? null : c.Id, c.Name);

    private static MessageEnvelope Envelope(Input i, InboundDisposition d, Ticket ticket, Message message, string? original)
    {
        var e = MessageEnvelope.Inbound(i.M, d, i.Reason.Length == 0 ? null : i.Reason, i.Verdict.SpamScore, i.Now);
        e.PointTo(ticket, message, original);
        return e;
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;
}
