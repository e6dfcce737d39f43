using Microsoft.AspNetCore.Components.Server.Circuits;
using Sori.Core.Outbox;
using Sori.Web.Hosting;
using Sori.Web.Workers;

namespace Sori.Web.Realtime;

/// <summary>
/// Live updates and presence (ADR-010): committed ticket events leave through the outbox
/// (<see cref="PushLiveUpdates"/>) to this node's pages and hub connections and, when
/// "Sori:Realtime:Redis" is set, over Redis pub/sub to every other node.
/// </summary>
public static class RealtimeServiceCollectionExtensions
{
    public static IServiceCollection AddSoriRealtime(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<RealtimeOptions>(config, RealtimeOptions.Section, o => o.Problems());
        // Only the one setting that shapes the services is read here; all of them are validated at start-up.
        var options = new RealtimeOptions { Redis = config[RealtimeOptions.Section + ":" + nameof(RealtimeOptions.Redis)] };

        services.AddSignalR();
        if (options.UsesRedis)
        {
            services.AddSingleton<RedisLiveBus>();
            services.AddSingleton<ILiveBus>(sp => sp.GetRequiredService<RedisLiveBus>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisLiveBus>()); // first: connected before anything publishes
            var workers = config.GetValue(WorkerOptions.Section + ":Enabled", true);
            services.AddHostedService(sp => new OutboxWakeRelay(sp.GetRequiredService<ILiveBus>(), sp.GetRequiredService<OutboxSignal>(),
                sp.GetRequiredService<TimeProvider>(), forward: !workers));
        }
        else
        {
            services.AddSingleton<ILiveBus, InProcessLiveBus>();
        }
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<PresenceTracker>();
        services.AddScoped<IOutboxHandler, PushLiveUpdates>();
        services.AddHostedService<PresenceWorker>();
        services.AddHostedService<LiveHubRelay>();
        services.AddSingleton<LiveSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveSessions>());
        services.AddScoped<IOutboxHandler, EndRevokedSessions>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitPresence>());
        services.AddScoped<CircuitHandler, CircuitSessions>();
        return services;
    }

    public static WebApplication MapSoriRealtime(this WebApplication app)
    {
        // A connection ends when its cookie expires, and as soon as its credentials are revoked (LiveSessions).
        app.MapHub<LiveHub>(LiveHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
