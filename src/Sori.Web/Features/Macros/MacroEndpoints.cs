using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.Macros;
using Sori.Core.Tickets;
using Sori.Web.Auth;

namespace Sori.Web.Features.Macros;

/// <summary>
/// Macros: any agent reads and applies the ones they may see and manages their own; admins (or an
/// admin token) manage the shared ones. Who may change which macro is decided by the use cases.
/// </summary>
public static class MacroEndpoints
{
    public static void MapMacroEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/macros").WithTags("Macros");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapGet("/placeholders", Placeholders).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Write);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapPatch("/{id:long}", Update).RequireAuthorization(Policies.Write);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Write);
        g.MapGet("/{id:long}/preview", Preview).RequireAuthorization(Policies.Read);
        g.MapPost("/{id:long}/apply", Apply).RequireAuthorization(Policies.Write);
    }

    private static async Task<Ok<IReadOnlyList<MacroView>>> List(string? scope, string? q, ListMacros list, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await list.Handle(new MacroQuery(scope, q), http.ToActor(), ct));

    private static Ok<IReadOnlyList<PlaceholderView>> Placeholders() =>
        TypedResults.Ok<IReadOnlyList<PlaceholderView>>(MacroTemplate.Placeholders.Select(p => new PlaceholderView(p.Name, p.Meaning)).ToList());

    private static async Task<Ok<MacroView>> Get(long id, ListMacros list, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await list.Get(id, http.ToActor(), ct));

    private static async Task<Created<MacroView>> Create(CreateMacroRequest request, CreateMacro create, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var macro = await create.Handle(request, actor, ct);
        audit.Record(actor, "macro.create", "macro", macro.Id, null, macro.IsShared ? "shared" : "personal");
        return TypedResults.Created($"/api/v1/macros/{macro.Id}", MacroView.From(macro));
    }

    private static async Task<Ok<MacroView>> Update(long id, UpdateMacroRequest request, UpdateMacro update, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var macro = await update.Handle(id, request, actor, ct);
        audit.Record(actor, "macro.update", "macro", id, null);
        return TypedResults.Ok(MacroView.From(macro));
    }

    private static async Task<NoContent> Delete(long id, DeleteMacro delete, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        await delete.Handle(id, actor, ct);
        audit.Record(actor, "macro.delete", "macro", id, null);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MacroPreview>> Preview(long id, long? ticketId, PreviewMacro preview, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var result = await preview.Handle(id, ticketId, actor, ct);
        // The preview shows the requester's name and address.
        audit.Record(actor, "ticket.read", "ticket", ticketId!.Value, null, $"macro {id} preview");
        return TypedResults.Ok(result);
    }

    public sealed record AppliedMacroView(TicketDetail Ticket, MessageView? Message, MacroPreview Macro);

    private static async Task<Ok<AppliedMacroView>> Apply(long id, ApplyMacroRequest request, ApplyMacro apply, GetTicket get,
        IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var applied = await apply.Handle(id, request, actor, ct);
        var ticketId = applied.Ticket.Id;
        if (applied.Message is { } m) audit.Record(actor, m.Visibility == MessageVisibility.Internal ? "ticket.note" : "ticket.reply", "ticket", ticketId, null);
        audit.Record(actor, "ticket.update", "ticket", ticketId, applied.Ticket.RequesterId, $"macro {id}");
        return TypedResults.Ok(new AppliedMacroView(await get.Handle(ticketId, ct), applied.Message is { } msg ? MessageView.From(msg) : null, applied.Macro));
    }
}
