using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.Customers;
using Sori.Core.Tickets;
using Sori.Web.Auth;

namespace Sori.Web.Features.Customers;

public static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/customers").WithTags("Customers");
        g.MapGet("/", List).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Write);
        g.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Read);
        g.MapPatch("/{id:long}", Update).RequireAuthorization(Policies.Write);
        g.MapPost("/{id:long}/merge", Merge).RequireAuthorization(Policies.Lead);
        g.MapGet("/{id:long}/tickets", Tickets).RequireAuthorization(Policies.Read);
    }

    private static async Task<Ok<Page<CustomerView>>> List(string? q, long? organization, int? limit, string? cursor,
        CustomerQueries customers, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var page = await customers.List(q, organization, limit, cursor, ct);
        audit.Record(http.ToActor(), "customer.list", "customer", null, null, q is null ? null : $"q={q}");
        return TypedResults.Ok(page);
    }

    private static async Task<Created<CustomerView>> Create(CreateCustomerRequest request, CreateCustomer create, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var c = await create.Handle(request, ct);
        audit.Record(http.ToActor(), "customer.create", "customer", c.Id, c.Id);
        return TypedResults.Created($"/api/v1/customers/{c.Id}", CustomerView.From(c));
    }

    private static async Task<Ok<CustomerView>> Get(long id, CustomerQueries customers, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var c = await customers.Get(id, ct);
        audit.Record(http.ToActor(), "customer.read", "customer", id, id);
        return TypedResults.Ok(c);
    }

    private static async Task<Ok<CustomerView>> Update(long id, UpdateCustomerRequest request, UpdateCustomer update, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var c = await update.Handle(id, request, ct);
        audit.Record(http.ToActor(), "customer.update", "customer", id, id);
        return TypedResults.Ok(CustomerView.From(c));
    }

    private static async Task<Ok<CustomerView>> Merge(long id, MergeCustomersRequest request, MergeCustomers merge, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var target = await merge.Handle(id, request, ct);
        var actor = http.ToActor();
        audit.Record(actor, "customer.merge", "customer", id, id, $"into {target.Id}");
        audit.Record(actor, "customer.merge", "customer", target.Id, target.Id, $"from {id}");
        return TypedResults.Ok(CustomerView.From(target));
    }

    private static async Task<Ok<Page<TicketSummary>>> Tickets(long id, int? limit, string? cursor, CustomerQueries customers,
        ListTickets list, HttpContext http, CancellationToken ct)
    {
        await customers.Get(id, ct);
        return TypedResults.Ok(await list.Handle(new TicketQuery { CustomerId = id, Limit = limit, Cursor = cursor }, http.ToActor(), ct));
    }
}
