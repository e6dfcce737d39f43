using Microsoft.Extensions.Options;
using Sori.Core.Audit;
using Sori.Core.Outbox;
using Sori.Infrastructure.Outbox;
using Sori.Web.Auth;

namespace Sori.Web.Features.Outbox;

/// <summary>
/// The outbox feeds webhooks, outgoing mail and live updates: when events stop flowing, look here.
/// Admins list the rows by state and send a failed one round again.
/// </summary>
public static class OutboxEndpoints
{
    public static void MapOutboxEndpoints(this RouteGroupBuilder api)
    {
        var o = api.MapGroup("/outbox").WithTags("Outbox").RequireAuthorization(Policies.Admin);
        o.MapGet("/", async (string? state, long? before, int? limit, OutboxQueries queries, IOptions<OutboxOptions> options, CancellationToken ct) =>
            TypedResults.Ok(await queries.List(state, options.Value.MaxAttempts, before, limit, ct)));
        o.MapPost("/{id:long}/retry", async (long id, OutboxQueries queries, IOptions<OutboxOptions> options, OutboxSignal signal,
            TimeProvider clock, IAuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            var view = await queries.Retry(id, options.Value.MaxAttempts, clock.GetUtcNow().UtcDateTime, ct);
            audit.Record(http.ToActor(), "outbox.retry", "outbox", id, null, view.Type);
            signal.Notify();
            return TypedResults.Ok(view);
        });
    }
}
