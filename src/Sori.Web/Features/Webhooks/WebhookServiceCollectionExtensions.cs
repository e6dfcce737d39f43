using Microsoft.Extensions.Options;
using Sori.Infrastructure.Outbox;
using Sori.Infrastructure.Webhooks;
using Sori.Web.Hosting;
using Sori.Web.Workers;

namespace Sori.Web.Features.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Everything that gets events out of the desk: the outbox worker (webhook fan-out is its handler
    /// today), the delivery worker and its HTTP client, their options, and the commit hook that wakes
    /// them. The workers run unless "Sori:Workers:Enabled" is false. Use cases come with AddSoriCore.
    /// </summary>
    public static IServiceCollection AddSoriWebhooks(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<WorkerOptions>(config, WorkerOptions.Section, _ => []);
        services.AddValidatedOptions<OutboxOptions>(config, OutboxOptions.Section, o => o.Problems());
        services.AddValidatedOptions<WebhookOptions>(config, WebhookOptions.Section, o => o.Problems());

        services.AddWorkerWakeUps();
        services.AddSingleton<OutboxProcessor>();
        services.AddSingleton<WebhookDeliveryProcessor>();
        services.AddHttpClient<WebhookSender>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            // A receiver must answer itself: following redirects would let it point deliveries anywhere.
            .ConfigurePrimaryHttpMessageHandler(sp =>
                PublicNetworkGuard.CreateHandler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks));

        if (config.GetValue(WorkerOptions.Section + ":Enabled", true))
        {
            services.AddHostedService<OutboxWorker>();
            services.AddHostedService<WebhookDeliveryWorker>();
        }
        return services;
    }
}
