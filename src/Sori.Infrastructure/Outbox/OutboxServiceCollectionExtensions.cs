using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sori.Core.Data;
using Sori.Core.Outbox;
using Sori.Core.Webhooks;

namespace Sori.Infrastructure.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>Hooks <see cref="WakeWorkersOnCommitInterceptor"/> into every <see cref="SoriDbContext"/> of this process.</summary>
    public static IServiceCollection AddWorkerWakeUps(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<WebhookDeliverySignal>();
        services.TryAddSingleton<Sori.Core.Channels.Email.EmailDeliverySignal>();
        services.TryAddSingleton<WakeWorkersOnCommitInterceptor>();
        // Pooled contexts build their options once from the root provider, hence a singleton configuration.
        services.ConfigureDbContext<SoriDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<WakeWorkersOnCommitInterceptor>()),
            ServiceLifetime.Singleton);
        return services;
    }
}
