using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.SavedViews;
using Sori.Core.Tickets;
using Sori.Web.Auth;

namespace Sori.Web.Features.SavedViews;

/// <summary>Saved views: any agent reads the ones they may see and manages their own; admins manage the shared ones.</summary>
public static class SavedViewEndpoints
{
    public static void MapSavedViewEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/views").WithTags("Saved views");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Write);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapPatch("/{id:long}", Update).RequireAuthorization(Policies.Write);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Write);
        g.MapGet("/{id:long}/tickets", Tickets).RequireAuthorization(Policies.Read);
    }

    private static async Task<Ok<IReadOnlyList<SavedViewView>>> List(bool? counts, ListSavedViews list, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await list.Handle(counts ?? false, http.ToActor(), ct));

    private static async Task<Ok<SavedViewView>> Get(long id, ListSavedViews list, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await list.Get(id, http.ToActor(), ct));

    private static async Task<Created<SavedViewView>> Create(CreateSavedViewRequest request, CreateSavedView create, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var view = await create.Handle(request, actor, ct);
        audit.Record(actor, "view.create", "view", view.Id, null, view.IsShared ? "shared" : "personal");
        return TypedResults.Created($"/api/v1/views/{view.Id}", SavedViewView.From(view));
    }

    private static async Task<Ok<SavedViewView>> Update(long id, UpdateSavedViewRequest request, UpdateSavedView update, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var view = await update.Handle(id, request, actor, ct);
        audit.Record(actor, "view.update", "view", id, null);
        return TypedResults.Ok(SavedViewView.From(view));
    }

    private static async Task<NoContent> Delete(long id, DeleteSavedView delete, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        await delete.Handle(id, actor, ct);
        audit.Record(actor, "view.delete", "view", id, null);
        return TypedResults.NoContent();
    }

    /// <summary>The view's tickets, a page at a time, in the view's sort.</summary>
    private static async Task<Ok<Page<TicketSummary>>> Tickets(long id, int? limit, string? cursor, ListSavedViews views, ListTickets list,
        HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var query = await views.QueryOf(id, actor, ct);
        return TypedResults.Ok(await list.Handle(query with { Limit = limit, Cursor = cursor }, actor, ct));
    }
}
