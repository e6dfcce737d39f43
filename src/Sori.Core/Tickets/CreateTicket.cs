using System.Globalization;
using Sori.Core.Attachments;
using Sori.Core.Common;
using Sori.Core.Customers;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

public sealed record RequesterInput(long? Id, string? Name, string? Email, string? Phone, string? Language);

public sealed record CreateTicketRequest(
    string? Subject,
    string? Body,
    string? BodyHtml,
    RequesterInput? Requester,
    string? Channel = null,
    string? Priority = null,
    string? Type = null,
    long? AssigneeId = null,
    long? TeamId = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyDictionary<string, object?>? CustomFields = null,
    string? ExternalId = null,
    IReadOnlyList<long>? AttachmentIds = null);

/// <summary>Opens a ticket from any channel: the requester's first message plus the initial labels.</summary>
public sealed class CreateTicket(
    TicketInputs inputs, FindOrCreateCustomer customers, ITicketNumberAllocator numbers, PendingAttachments attachments,
    IWriteRunner writes, TimeProvider clock)
{
    public async Task<Ticket> Handle(CreateTicketRequest r, Actor actor, CancellationToken ct)
    {
        var v = new Validator()
            .Required("subject", r.Subject, Limits.Subject)
            .Body("body", r.Body, Limits.Body)
            .Body("bodyHtml", r.BodyHtml, Limits.Body)
            .When(string.IsNullOrWhiteSpace(r.Body) && string.IsNullOrWhiteSpace(r.BodyHtml), "body", "is required.")
            .When(r.Requester is null, "requester", "is required.")
            .Text("externalId", r.ExternalId, 500);
        if (r.Requester is { } q)
            v.Text("requester.name", q.Name, Limits.Name).Email("requester.email", q.Email).Text("requester.phone", q.Phone, Limits.Phone)
             .When(q.Language is not (null or "ko" or "en"), "requester.language", "must be ko or en.");
        var channel = TicketInputs.ParseEnum<TicketChannel>(v, "channel", r.Channel) ?? TicketChannel.Api;
        var priority = TicketInputs.ParseEnum<TicketPriority>(v, "priority", r.Priority) ?? TicketPriority.Normal;
        var type = TicketInputs.ParseEnum<TicketType>(v, "type", r.Type) ?? TicketType.Question;
        TicketInputs.CheckTags(v, "tags", r.Tags);
        await inputs.CheckAssigneeAsync(v, r.AssigneeId, ct);
        await inputs.CheckTeamAsync(v, r.TeamId, ct);
        var fields = await inputs.NormalizeFieldsAsync(v, r.CustomFields, ct);
        var files = await attachments.ClaimAsync(v, r.AttachmentIds, actor, ct);
        v.ThrowIfInvalid();

        var requesterInput = new FindOrCreateCustomer.Requester(
            r.Requester!.Id, r.Requester.Name, r.Requester.Email, r.Requester.Phone, r.Requester.Language);
        var (text, html) = HtmlContent.Normalize(r.Body, r.BodyHtml);
        if (text.Length == 0) throw ValidationException.For("body", "is empty after removing unsafe HTML.");
        var fileIds = files.Select(f => f.Id).ToList();
        // Most tickets come from known customers: find them here, in parallel with other requests,
        // so the write unit only looks again (and creates) for a new one.
        var known = await customers.FindExistingDetached(requesterInput, "requester", ct);

        // Everything above only reads. The write is staged: on SQLite, the tickets of concurrent requests
        // are saved together in one SaveChanges and one commit.
        return await writes.StageAsync(async (db, ct) =>
        {
            Customer requester;
            if (known is null) requester = await new FindOrCreateCustomer(db, clock).Handle(requesterInput, "requester", ct);
            else if (db.Customers.Local.FindEntry(known.Id)?.Entity is { } staged) requester = staged;
            else db.Customers.Attach(requester = known);
            var now = clock.GetUtcNow().UtcDateTime;
            var keys = await numbers.NextAsync(db, ct, newRequester: requester.Id == 0);
            var ticket = Ticket.Create(keys.Number, r.Subject!, requester, channel, priority, type, actor, now);
            var first = ticket.AddCustomerMessage(requester, text, html, channel, r.ExternalId, actor, now);
            PendingAttachments.Attach(first, await PendingAttachments.ReclaimAsync(db, fileIds, actor, ct));
            if (r.AssigneeId is not null) ticket.Assign(r.AssigneeId, actor, now);
            if (r.TeamId is not null) ticket.AssignTeam(r.TeamId, actor, now);
            if (r.Tags is not null) ticket.AddTags(r.Tags, actor, now);
            foreach (var (key, value) in fields) ticket.SetCustomField(key, value, actor, now);
            keys.ApplyTo(db, ticket, first);
            db.Tickets.Add(ticket);
            return ticket;
        }, ct, affinity: EmailAddress.TryNormalize(requesterInput.Email, out var email) ? email
            : requesterInput.Phone ?? requesterInput.Id?.ToString(CultureInfo.InvariantCulture));
    }
}
