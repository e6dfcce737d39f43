using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.Tickets;
using Sori.Web.Api;
using Sori.Web.Auth;
using Sori.Web.Hosting;

namespace Sori.Web.Features.Tickets;

public static class TicketEndpoints
{
    public static void MapTicketEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tickets").WithTags("Tickets");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Write);
        g.MapPost("/bulk", Bulk).RequireAuthorization(Policies.Write);
        g.MapPost("/bulk/merge", BulkMerge).RequireAuthorization(Policies.Write);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapPatch("/{id:long}", Update).RequireAuthorization(Policies.Write);
        g.MapGet("/{id:long}/messages", Messages).RequireAuthorization(Policies.Read);
        g.MapPost("/{id:long}/messages", AddMessage).RequireAuthorization(Policies.Write);
        g.MapGet("/{id:long}/events", Events).RequireAuthorization(Policies.Read);
        g.MapPost("/{id:long}/merge", Merge).RequireAuthorization(Policies.Write);
        g.MapPost("/{id:long}/messages/{messageId:long}/split", Split).RequireAuthorization(Policies.Write);
        g.MapPost("/{id:long}/followers", Follow).RequireAuthorization(Policies.Write);
        g.MapDelete("/{id:long}/followers/{agentId:long}", Unfollow).RequireAuthorization(Policies.Write);
    }

    /// <summary>The list's query string (properties, not a constructor, for the request delegate generator).</summary>
    public sealed class ListParameters
    {
        public string[]? Status { get; init; }
        public string[]? Priority { get; init; }
        public string? Assignee { get; init; }
        public long? Team { get; init; }
        public string? Tag { get; init; }
        public string? Channel { get; init; }
        public long? Customer { get; init; }
        public DateTime? CreatedFrom { get; init; }
        public DateTime? CreatedTo { get; init; }
        public DateTime? UpdatedFrom { get; init; }
        public DateTime? UpdatedTo { get; init; }
        public string? Sort { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private static async Task<Ok<Page<TicketSummary>>> List([AsParameters] ListParameters p, ListTickets list, HttpContext http, CancellationToken ct)
    {
        var query = new TicketQuery
        {
            Status = p.Status, Priority = p.Priority, Assignee = p.Assignee, TeamId = p.Team, Tag = p.Tag,
            Channel = p.Channel, CustomerId = p.Customer, CreatedFrom = p.CreatedFrom.AsUtc(), CreatedTo = p.CreatedTo.AsUtc(),
            UpdatedFrom = p.UpdatedFrom.AsUtc(), UpdatedTo = p.UpdatedTo.AsUtc(), Sort = p.Sort, Limit = p.Limit, Cursor = p.Cursor,
        };
        return TypedResults.Ok(await list.Handle(query, http.ToActor(), ct));
    }

    private static async Task<Created<TicketDetail>> Create(CreateTicketRequest request, CreateTicket create, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var ticket = await create.Handle(request, actor, ct);
        Observability.TicketsCreated.Add(1, new KeyValuePair<string, object?>("channel", TicketStatusRules.ToWire(ticket.Channel)));
        audit.Record(actor, "ticket.create", "ticket", ticket.Id, ticket.RequesterId);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", GetTicket.ToDetail(ticket));
    }

    private static async Task<Ok<TicketDetail>> Get(long id, GetTicket get, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var detail = await get.Handle(id, ct);
        audit.Record(http.ToActor(), "ticket.read", "ticket", id, detail.Requester.Id);
        return TypedResults.Ok(detail);
    }

    private static async Task<Ok<TicketDetail>> Update(long id, UpdateTicketRequest request, UpdateTicket update, GetTicket get,
        IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var ticket = await update.Handle(id, request, actor, ct);
        audit.Record(actor, "ticket.update", "ticket", id, ticket.RequesterId);
        return TypedResults.Ok(await get.Handle(id, ct));
    }

    private static async Task<Ok<BulkResponse>> Bulk(BulkUpdateTicketsRequest request, BulkUpdateTickets bulk, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var results = await bulk.Handle(request, actor, ct);
        foreach (var r in results.Where(r => r.Ok)) audit.Record(actor, "ticket.update", "ticket", r.Id, null, "bulk");
        return TypedResults.Ok(new BulkResponse(results));
    }

    public sealed record BulkResponse(IReadOnlyList<BulkUpdateResult> Results);

    private static async Task<Ok<BulkResponse>> BulkMerge(BulkMergeTicketsRequest request, BulkMergeTickets merge, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var results = await merge.Handle(request, actor, ct);
        foreach (var r in results.Where(r => r.Ok)) audit.Record(actor, "ticket.merge", "ticket", r.Id, null, $"into {request.TargetId}");
        return TypedResults.Ok(new BulkResponse(results));
    }

    private static async Task<Ok<Page<MessageView>>> Messages(long id, long? after, int? limit, bool? includeInternal,
        GetTicket get, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 100, 1, 500);
        var page = await get.Messages(id, includeInternal ?? true, after, take, ct);
        audit.Record(http.ToActor(), "ticket.messages.read", "ticket", id, null);
        return TypedResults.Ok(page);
    }

    private static async Task<Created<MessageView>> AddMessage(long id, AddMessageRequest request, AddMessage add, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var message = await add.Handle(id, request, actor, ct);
        audit.Record(actor, request.Visibility == "internal" ? "ticket.note" : "ticket.reply", "ticket", id, null);
        return TypedResults.Created($"/api/v1/tickets/{id}/messages/{message.Id}", MessageView.From(message));
    }

    private static async Task<Ok<IReadOnlyList<TicketEventView>>> Events(long id, GetTicket get, CancellationToken ct) =>
        TypedResults.Ok(await get.Timeline(id, ct));

    private static async Task<Ok<TicketDetail>> Merge(long id, MergeTicketsRequest request, MergeTickets merge, GetTicket get,
        IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var target = await merge.Handle(id, request, actor, ct);
        audit.Record(actor, "ticket.merge", "ticket", id, null, $"into {target.Id}");
        return TypedResults.Ok(await get.Handle(target.Id, ct));
    }

    private static async Task<Created<TicketDetail>> Split(long id, long messageId, SplitMessageRequest? request, SplitMessage split,
        GetTicket get, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = http.ToActor();
        var ticket = await split.Handle(id, messageId, request ?? new SplitMessageRequest(null), actor, ct);
        audit.Record(actor, "ticket.split", "ticket", id, ticket.RequesterId, $"message {messageId} to {ticket.Id}");
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", await get.Handle(ticket.Id, ct));
    }

    public sealed record FollowRequest(long? AgentId);

    private static async Task<NoContent> Follow(long id, FollowRequest? request, FollowTicket follow, HttpContext http, CancellationToken ct)
    {
        await follow.Handle(id, request?.AgentId, true, http.ToActor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Unfollow(long id, long agentId, FollowTicket follow, HttpContext http, CancellationToken ct)
    {
        await follow.Handle(id, agentId, false, http.ToActor(), ct);
        return TypedResults.NoContent();
    }
}
