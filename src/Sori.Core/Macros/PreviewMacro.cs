using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Settings;
using Sori.Core.Tickets;

namespace Sori.Core.Macros;

/// <summary>A macro as it would read on one ticket: placeholders filled in the requester's language.</summary>
public sealed class PreviewMacro(SoriDbContext db, ListMacros macros, GetDeskSettings desk)
{
    public async Task<MacroPreview> Handle(long macroId, long? ticketId, Actor actor, CancellationToken ct)
    {
        if (ticketId is not { } tid) throw ValidationException.For("ticketId", "is required.");
        var macro = await macros.Get(macroId, actor, ct);
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Requester).ThenInclude(c => c!.Emails)
                         .FirstOrDefaultAsync(t => t.Id == tid, ct)
                     ?? throw ValidationException.For("ticketId", $"Ticket {tid} does not exist.");
        return Render(macro, ticket, actor, (await desk.Handle(ct)).DeskName);
    }

    public static MacroPreview Render(MacroView macro, Ticket ticket, Actor actor, string deskName)
    {
        var values = Values(ticket, actor, deskName);
        var body = MacroLanguages.Pick(macro.Bodies, ticket.Requester?.Language);
        return new MacroPreview(macro.Id, macro.Title, body?.Language,
            body is { } b ? MacroTemplate.Render(b.Body, values) : null,
            body is { } h ? MacroTemplate.RenderHtml(h.Body, values) : null,
            macro.Actions);
    }

    /// <summary>The value of every placeholder on this ticket, as the agent applying the macro.</summary>
    public static IReadOnlyDictionary<string, string?> Values(Ticket ticket, Actor actor, string deskName) => new Dictionary<string, string?>
    {
        ["customer.name"] = ticket.Requester?.Name,
        ["customer.email"] = ticket.Requester?.PrimaryEmail,
        ["ticket.number"] = ticket.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ticket.subject"] = ticket.Subject,
        ["agent.name"] = actor.Name,
        ["desk.name"] = deskName,
    };
}
