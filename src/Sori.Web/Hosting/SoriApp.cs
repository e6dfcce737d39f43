using Microsoft.EntityFrameworkCore;
using Sori.Core;
using Sori.Core.Data;
using Sori.Infrastructure.Database;

namespace Sori.Web.Hosting;

public static class SoriApp
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Builds the whole host: services of every feature, then the pipeline.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        configure?.Invoke(builder);
        builder.Services.AddSoriServices(builder.Configuration);

        var app = builder.Build();
        app.UseSoriPipeline();
        return app;
    }

    public static IServiceCollection AddSoriServices(this IServiceCollection services, IConfiguration config)
    {
        var dataDir = DataDirectory(config);
        var db = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSoriDatabase(db, dataDir);
        services.AddSoriCore();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static WebApplication UseSoriPipeline(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        return app;
    }

    public static string DataDirectory(IConfiguration config) =>
        Path.GetFullPath(config["Sori:DataDirectory"] ?? "data");

    /// <summary>Applies migrations when configured to (the default).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (!options.MigrateOnStartup) return;
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SoriDbContext>().Database.MigrateAsync();
    }
}
