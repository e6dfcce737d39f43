using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Attachments;
using Sori.Core.Audit;
using Sori.Core.Conversations;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Conversations.Inbound;
using Sori.Core.Tickets;
using Sori.Web.Auth;
using Sori.Web.Hosting;

namespace Sori.Web.Features.Email;

/// <summary>What happened to one received message, as the drop endpoint and the import command report it.</summary>
public sealed record InboundView(string Outcome, string Disposition, long? TicketId, long? TicketNumber, long? MessageId, long EnvelopeId, string? Reason)
{
    public static InboundView From(InboundResult r) =>
        new(TicketStatusRules.ToWire(r.Outcome), r.Disposition, r.TicketId, r.TicketNumber, r.MessageId, r.EnvelopeId, r.Reason);
}

/// <summary>
/// The raw MIME drop: an MTA (Postfix pipe, a procmail rule, a script) posts one message as
/// message/rfc822 and gets 201 with the new ticket, or 202 when it joined a ticket, was a
/// duplicate, was quarantined or was only recorded. The MTA may delete its copy once it has an answer.
/// </summary>
public static class InboundEmailEndpoints
{
    private static readonly string[] Accepted = ["message/rfc822", "application/octet-stream", "text/plain"];

    public static void MapInboundEmailEndpoints(this RouteGroupBuilder api)
    {
        var limit = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<EmailOptions>().MaxMessageBytes;
        // The content type is checked in the handler: an Accepts() constraint would answer 415 before authorization.
        api.MapPost("/mailboxes/{id:long}/inbound", Drop).WithTags("Mailboxes").RequireAuthorization(Policies.Write)
            .WithMetadata(new RequestSizeLimitAttribute(limit));
        api.MapGet("/tickets/{id:long}/messages/{messageId:long}/original", Original).WithTags("Tickets").RequireAuthorization(Policies.Read);
        api.MapGet("/tickets/{id:long}/messages/{messageId:long}/original/raw", Raw).WithTags("Tickets").RequireAuthorization(Policies.Read);
        api.MapPost("/tickets/{id:long}/messages/{messageId:long}/resend", Resend).WithTags("Tickets").RequireAuthorization(Policies.Write);
    }

    /// <summary>Sends a reply's email again now (after a failure): 202 with its delivery, 409 when it was already sent.</summary>
    private static async Task<Accepted<EmailDeliveryView>> Resend(long id, long messageId, ResendEmail resend, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var view = await resend.Handle(id, messageId, ct);
        audit.Record(http.ToActor(), "ticket.reply.resend", "ticket", id, null, $"message {messageId}");
        return TypedResults.Accepted($"/api/v1/tickets/{id}/messages", view);
    }

    /// <summary>A received message before trimming, with its addressing.</summary>
    private static async Task<Ok<OriginalMessageView>> Original(long id, long messageId, GetOriginalMessage get, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var view = await get.Handle(id, messageId, ct);
        audit.Record(http.ToActor(), "ticket.original.read", "ticket", id, null, $"message {messageId}");
        return TypedResults.Ok(view);
    }

    /// <summary>The raw message as received (.eml), always as a download: it is the sender's unfiltered content.</summary>
    private static async Task<IResult> Raw(long id, long messageId, GetOriginalMessage get, IAttachmentStore store, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var sha = await get.RawSha256(id, messageId, ct);
        var stream = store.OpenRead(sha) ?? throw new NotFoundException("Original", messageId);
        audit.Record(http.ToActor(), "ticket.original.download", "ticket", id, null, $"message {messageId}");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(stream, "application/octet-stream", $"message-{messageId}.eml");
    }

    private static async Task<IResult> Drop(long id, HttpRequest request, IngestEmail ingest, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is null || !Accepted.Contains(type))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the raw message as message/rfc822.");
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var result = await ingest.Handle(id, body.ToArray(), ct);
        var view = InboundView.From(result);
        audit.Record(http.ToActor(), "mailbox.inbound", "mailbox", id, null, $"{view.Outcome} {view.Disposition} ticket {result.TicketId}");
        if (result.Outcome != InboundOutcome.New) return TypedResults.Accepted((string?)null, view);
        Observability.TicketsCreated.Add(1, new KeyValuePair<string, object?>("channel", "email"));
        return TypedResults.Created($"/api/v1/tickets/{result.TicketId}", view);
    }
}
