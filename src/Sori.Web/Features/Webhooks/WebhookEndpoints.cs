using Microsoft.AspNetCore.Http.HttpResults;
using Sori.Core.Audit;
using Sori.Core.Tickets;
using Sori.Core.Webhooks;
using Sori.Web.Auth;

namespace Sori.Web.Features.Webhooks;

/// <summary>Webhook subscriptions and their delivery log; admins only, since a subscription exports every ticket event.</summary>
public static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        g.MapGet("/", async (ListWebhookSubscriptions list, CancellationToken ct) => TypedResults.Ok(await list.Handle(ct)));
        g.MapPost("/", Create);
        g.MapGet("/{id:long}", async (long id, GetWebhookSubscription get, CancellationToken ct) => TypedResults.Ok(await get.Handle(id, ct)));
        g.MapPatch("/{id:long}", Update);
        g.MapDelete("/{id:long}", Delete);
        g.MapPost("/{id:long}/rotate-secret", RotateSecret);
        g.MapGet("/{id:long}/deliveries", Deliveries);
        g.MapPost("/{id:long}/deliveries/{deliveryId:long}/redeliver", Redeliver);
    }

    private static async Task<Created<WebhookSubscriptionWithSecret>> Create(CreateWebhookSubscriptionRequest request, CreateWebhookSubscription create,
        IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var s = await create.Handle(request, ct);
        audit.Record(http.ToActor(), "webhook.create", "webhook", s.Id, null, s.Url);
        return TypedResults.Created($"/api/v1/webhooks/{s.Id}", WebhookSubscriptionWithSecret.From(s));
    }

    private static async Task<Ok<WebhookSubscriptionView>> Update(long id, UpdateWebhookSubscriptionRequest request, UpdateWebhookSubscription update,
        IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var s = await update.Handle(id, request, ct);
        audit.Record(http.ToActor(), "webhook.update", "webhook", id, null, s.Url);
        return TypedResults.Ok(WebhookSubscriptionView.From(s));
    }

    private static async Task<NoContent> Delete(long id, DeleteWebhookSubscription delete, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        await delete.Handle(id, ct);
        audit.Record(http.ToActor(), "webhook.delete", "webhook", id, null);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WebhookSubscriptionWithSecret>> RotateSecret(long id, RotateWebhookSecret rotate, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var s = await rotate.Handle(id, ct);
        audit.Record(http.ToActor(), "webhook.rotate_secret", "webhook", id, null);
        return TypedResults.Ok(WebhookSubscriptionWithSecret.From(s));
    }

    private static async Task<Ok<Page<WebhookDeliveryView>>> Deliveries(long id, string? status, int? limit, string? cursor,
        ListWebhookDeliveries list, CancellationToken ct) =>
        TypedResults.Ok(await list.Handle(id, new WebhookDeliveryQuery(status, limit, cursor), ct));

    private static async Task<Accepted<WebhookDeliveryView>> Redeliver(long id, long deliveryId, RedeliverWebhook redeliver,
        IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var d = await redeliver.Handle(id, deliveryId, ct);
        audit.Record(http.ToActor(), "webhook.redeliver", "webhook", id, null, $"delivery {deliveryId}");
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", WebhookDeliveryView.From(d));
    }
}
