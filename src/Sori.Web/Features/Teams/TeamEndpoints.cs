using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Agents;
using Sori.Core.Audit;
using Sori.Web.Auth;

namespace Sori.Web.Features.Teams;

public static class TeamEndpoints
{
    public static void MapTeamEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/teams").WithTags("Teams");
        g.MapGet("/", async (ManageTeams teams, CancellationToken ct) => TypedResults.Ok(await teams.List(ct))).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:long}", async (long id, ManageTeams teams, CancellationToken ct) => TypedResults.Ok(await teams.Get(id, ct))).RequireAuthorization(Policies.Read);
        g.MapPost("/", Create).RequireAuthorization(Policies.Lead);
        g.MapPatch("/{id:long}", Update).RequireAuthorization(Policies.Lead);
        g.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Lead);
    }

    private static async Task<Created<TeamView>> Create(TeamRequest request, ManageTeams teams, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var t = await teams.Create(request, ct);
        audit.Record(http.ToActor(), "team.create", "team", t.Id, null);
        return TypedResults.Created($"/api/v1/teams/{t.Id}", TeamView.From(t));
    }

    private static async Task<Ok<TeamView>> Update(long id, TeamRequest request, ManageTeams teams, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var t = await teams.Update(id, request, ct);
        audit.Record(http.ToActor(), "team.update", "team", id, null);
        return TypedResults.Ok(TeamView.From(t));
    }

    private static async Task<NoContent> Delete(long id, ManageTeams teams, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        await teams.Delete(id, ct);
        audit.Record(http.ToActor(), "team.delete", "team", id, null);
        return TypedResults.NoContent();
    }
}
