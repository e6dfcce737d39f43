using Sori.Core.Audit;
using Sori.Web.Api;
using Sori.Web.Auth;

namespace Sori.Web.Features.Audit;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/audit", async ([AsParameters] AuditQuery q, AuditQueries audit, CancellationToken ct) =>
                TypedResults.Ok(await audit.List(q with
                {
                    From = q.From.AsUtc(), To = q.To.AsUtc(),
                }, ct)))
            .WithTags("Audit").RequireAuthorization(Policies.Admin);
}
