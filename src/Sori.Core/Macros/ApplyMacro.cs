using Microsoft.EntityFrameworkCore;
using Sori.Core.Attachments;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Settings;
using Sori.Core.Tickets;

namespace Sori.Core.Macros;

/// <summary>
/// <c>body</c>: the text to send instead of the macro's own (an agent's edit of the rendered body);
/// taken as it is, placeholders are not filled again. <c>visibility</c>: "public" (a reply, the
/// default), "internal" (a note) or "none" (the actions only). Without a body of its own or of the
/// macro, only the actions apply.
/// </summary>
public sealed record ApplyMacroRequest(long? TicketId, string? Body = null, string? Visibility = null, IReadOnlyList<long>? AttachmentIds = null);

public sealed record AppliedMacro(Ticket Ticket, Message? Message, MacroPreview Macro);

/// <summary>
/// Applies a macro to a ticket in one transaction: a timeline entry naming the macro, the label
/// changes, then the reply or note with the placeholders filled in the requester's language, then
/// the status. Every change goes through the ticket aggregate; a refused change (a closed
/// ticket, a status the ticket cannot move to) writes nothing.
/// </summary>
public sealed class ApplyMacro(SoriDbContext db, ListMacros macros, UpdateTicket update, GetDeskSettings desk, PendingAttachments attachments, TimeProvider clock)
{
    public async Task<AppliedMacro> Handle(long macroId, ApplyMacroRequest r, Actor actor, CancellationToken ct)
    {
        var v = new Validator()
            .When(r.TicketId is null, "ticketId", "is required.")
            .When(r.Visibility is not (null or "public" or "internal" or "none"), "visibility", "must be public, internal or none.")
            .When(r.Visibility == "none" && !string.IsNullOrWhiteSpace(r.Body), "body", "is not taken when visibility is none.")
            .Body("body", r.Body, Limits.Body)
            .When(r.Visibility == "none" && r.AttachmentIds is { Count: > 0 }, "attachmentIds", "are only taken with a reply or a note.");
        var files = await attachments.ClaimAsync(v, r.AttachmentIds, actor, ct);
        v.ThrowIfInvalid();
        var macro = await macros.Get(macroId, actor, ct);
        var ticket = await db.Tickets.Include(t => t.Tags).Include(t => t.Followers)
                         .Include(t => t.Requester).ThenInclude(c => c!.Emails).AsSplitQuery()
                         .FirstOrDefaultAsync(t => t.Id == r.TicketId, ct)
                     ?? throw new NotFoundException("Ticket", r.TicketId!.Value);
        var preview = PreviewMacro.Render(macro, ticket, actor, (await desk.Handle(ct)).DeskName);
        var change = await update.CheckAsync(ToUpdate(macro.Actions, actor), ct);
        var status = TicketStatusRules.TryParseWire<TicketStatus>(macro.Actions.Status, out var s) ? s : (TicketStatus?)null;
        var text = r.Visibility == "none" ? null : !string.IsNullOrWhiteSpace(r.Body) ? r.Body : preview.Body;
        if (text is null && r.Visibility is "public" or "internal")
            throw ValidationException.For("body", "is required: the macro has no reply body.");

        var now = clock.GetUtcNow().UtcDateTime;
        // First on the timeline, so the changes read as the macro's; and before a status that may close the ticket.
        ticket.RecordMacroApplied(macro.Id, macro.Title, actor, now);
        UpdateTicket.Apply(ticket, change, actor, now);
        var message = text is null ? null : AddMessage(ticket, text, r.Visibility == "internal", status, actor, now);
        if (message is not null) PendingAttachments.Attach(message, files);
        else if (files.Count > 0) throw ValidationException.For("attachmentIds", "are only taken with a reply or a note.");
        if (status is { } st && (message is null || message.Visibility == MessageVisibility.Internal)) ticket.ChangeStatus(st, actor, now);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.Macros.Where(m => m.Id == macro.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.UsageCount, m => m.UsageCount + 1), ct);
        await tx.CommitAsync(ct);
        return new AppliedMacro(ticket, message, preview);
    }

    private static Message AddMessage(Ticket ticket, string body, bool note, TicketStatus? status, Actor actor, DateTime now)
    {
        var (text, html) = HtmlContent.Normalize(body, null);
        if (text.Length == 0) throw ValidationException.For("body", "is empty.");
        return note ? ticket.AddNote(actor, text, html, now) : ticket.AddReply(actor, text, html, now, status);
    }

    /// <summary>The macro's label changes as a ticket update; the status is left to the reply, which sets it last.</summary>
    private static UpdateTicketRequest ToUpdate(MacroActions a, Actor actor)
    {
        if (a.Assignee == "me" && actor.AgentId is null)
            throw ValidationException.For("actions.assignee", "assigns to the agent applying it; an API token is not an agent.");
        return new UpdateTicketRequest
        {
            Priority = a.Priority,
            AddTags = a.AddTags,
            RemoveTags = a.RemoveTags,
            AssigneeId = a.Assignee switch
            {
                null => Maybe<long?>.Unset,
                "me" => actor.AgentId,
                "none" => (long?)null,
                _ => long.Parse(a.Assignee, System.Globalization.CultureInfo.InvariantCulture),
            },
            TeamId = a.Team switch
            {
                null => Maybe<long?>.Unset,
                "none" => (long?)null,
                _ => long.Parse(a.Team, System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }
}
