using Microsoft.AspNetCore.Mvc;
using Sori.Core.Audit;
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
