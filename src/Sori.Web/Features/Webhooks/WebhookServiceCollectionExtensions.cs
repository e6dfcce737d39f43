using Microsoft.Extensions.Options;
using Sori.Infrastructure.Outbox;
using Sori.Infrastructure.Webhooks;
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
        Bind<WorkerOptions>(services, config, WorkerOptions.Section, _ => []);
        Bind<OutboxOptions>(services, config, OutboxOptions.Section, o => o.Problems());
        Bind<WebhookOptions>(services, config, WebhookOptions.Section, o => o.Problems());

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

    /// <summary>Binds a section and checks it at start-up, naming every problem.</summary>
    internal static void Bind<T>(IServiceCollection services, IConfiguration config, string section, Func<T, IEnumerable<string>> problems) where T : class
    {
        services.AddOptions<T>().Bind(config.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new ProblemsValidator<T>(section, problems));
    }

    /// <summary>Fails start-up with every problem named ("Sori:Webhooks: Timeout must be positive."), not just "invalid".</summary>
    private sealed class ProblemsValidator<T>(string section, Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var found = problems(options).Select(p => $"{section}: {p}").ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
