using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sori.Core.Outbox;

namespace Sori.Core.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>The webhook use cases and the outbox handler that fans events out to deliveries.</summary>
    public static IServiceCollection AddWebhookUseCases(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<WebhookDeliverySignal>();
        services.AddScoped<CreateWebhookSubscription>();
        services.AddScoped<UpdateWebhookSubscription>();
        services.AddScoped<DeleteWebhookSubscription>();
        services.AddScoped<GetWebhookSubscription>();
        services.AddScoped<ListWebhookSubscriptions>();
        services.AddScoped<RotateWebhookSecret>();
        services.AddScoped<ListWebhookDeliveries>();
        services.AddScoped<RedeliverWebhook>();
        services.AddScoped<IOutboxHandler, CreateWebhookDeliveriesForEvent>();
        return services;
    }
}
