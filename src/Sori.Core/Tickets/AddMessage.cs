using Microsoft.EntityFrameworkCore;
using Sori.Core.Attachments;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

/// <summary>
/// A reply or note on an existing ticket. <c>visibility</c> is "public" (default) or "internal";
/// <c>author</c> is "agent" (default) or "customer" (an agent logging a phone call, an integration
/// relaying the customer's words). <c>status</c> optionally moves the ticket after a reply.
/// </summary>
public sealed record AddMessageRequest(
    string? Body, string? BodyHtml, string? Visibility = null, string? Author = null,
    string? Status = null, string? ExternalId = null, IReadOnlyList<long>? AttachmentIds = null);

public sealed class AddMessage(SoriDbContext db, PendingAttachments attachments, TimeProvider clock)
{
    public async Task<Message> Handle(long ticketId, AddMessageRequest r, Actor actor, CancellationToken ct)
    {
        var v = new Validator()
            .Body("body", r.Body, Limits.Body)
            .Body("bodyHtml", r.BodyHtml, Limits.Body)
            .When(string.IsNullOrWhiteSpace(r.Body) && string.IsNullOrWhiteSpace(r.BodyHtml), "body", "is required.")
            .When(r.Visibility is not (null or "public" or "internal"), "visibility", "must be public or internal.")
            .When(r.Author is not (null or "agent" or "customer"), "author", "must be agent or customer.")
            .When(r.Author == "customer" && r.Visibility == "internal", "visibility", "a customer message is always public.")
            .When(r.Status is not null && r.Author == "customer", "status", "is only taken with an agent reply.")
            .Text("externalId", r.ExternalId, 500);
        var status = TicketInputs.ParseEnum<TicketStatus>(v, "status", r.Status);
        var files = await attachments.ClaimAsync(v, r.AttachmentIds, actor, ct);
        v.ThrowIfInvalid();
        var (text, html) = HtmlContent.Normalize(r.Body, r.BodyHtml);
        if (text.Length == 0) throw ValidationException.For("body", "is empty after removing unsafe HTML.");

        var ticket = await db.Tickets.Include(t => t.Requester).FirstOrDefaultAsync(t => t.Id == ticketId, ct)
                     ?? throw new NotFoundException("Ticket", ticketId);
        var now = clock.GetUtcNow().UtcDateTime;
        var message = r switch
        {
            { Author: "customer" } => ticket.AddCustomerMessage(ticket.Requester!, text, html, ticket.Channel, r.ExternalId, actor, now),
            { Visibility: "internal" } => ticket.AddNote(actor, text, html, now),
            _ => ticket.AddReply(actor, text, html, now, status),
        };
        PendingAttachments.Attach(message, files);
        await db.SaveChangesAsync(ct);
        return message;
    }
}
