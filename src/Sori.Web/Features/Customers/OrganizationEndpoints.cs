using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.Customers;
using Sori.Web.Auth;

namespace Sori.Web.Features.Customers;

public static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/organizations").WithTags("Organizations");
        g.MapGet("/", async (string? q, ManageOrganizations orgs, CancellationToken ct) => TypedResults.Ok(await orgs.List(q, ct)))
            .RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}", async (long id, ManageOrganizations orgs, CancellationToken ct) => TypedResults.Ok(await orgs.Get(id, ct)))
            .RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Write);
        g.MapPatch("/{id:long}", Update).RequireAuthorization(Policies.Write);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Lead);
    }

    private static async Task<Created<OrganizationView>> Create(OrganizationRequest request, ManageOrganizations orgs, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var o = await orgs.Create(request, ct);
        audit.Record(http.ToActor(), "organization.create", "organization", o.Id, null);
        return TypedResults.Created($"/api/v1/organizations/{o.Id}", OrganizationView.From(o));
    }

    private static async Task<Ok<OrganizationView>> Update(long id, OrganizationRequest request, ManageOrganizations orgs, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var o = await orgs.Update(id, request, ct);
        audit.Record(http.ToActor(), "organization.update", "organization", id, null);
        return TypedResults.Ok(OrganizationView.From(o));
    }

    private static async Task<NoContent> Delete(long id, ManageOrganizations orgs, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        await orgs.Delete(id, ct);
        audit.Record(http.ToActor(), "organization.delete", "organization", id, null);
        return TypedResults.NoContent();
    }
}
