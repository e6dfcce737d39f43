using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Sori.Core;
using Sori.Core.Audit;
using Sori.Core.Data;
using Sori.Infrastructure.Database;
using Sori.Web.Api;
using Sori.Web.Auth;
using Sori.Web.Features.Agents;
using Sori.Web.Features.Attachments;
using Sori.Web.Features.Audit;
using Sori.Web.Features.Auth;
using Sori.Web.Features.Customers;
using Sori.Web.Features.Email;
using Sori.Web.Features.Docs;
using Sori.Web.Features.Fields;
using Sori.Web.Features.Macros;
using Sori.Web.Features.SavedViews;
using Sori.Web.Features.Settings;
using Sori.Web.Features.Tags;
using Sori.Web.Features.Teams;
using Sori.Web.Features.Tickets;
using Sori.Web.Features.Tokens;
using Sori.Web.Features.Outbox;
using Sori.Web.Features.Webhooks;
using Sori.Web.Realtime;
using Sori.Web.Workspace;

namespace Sori.Web.Hosting;

public static class SoriApp
{
    public const string DefaultUrl = "http://localhost:5080";
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Builds the whole host: services of every feature, then the pipeline.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        BuildServices(args, configure).UseSoriPipeline();

    /// <summary>The host with the services of every feature and no pipeline yet (see <see cref="UseSoriPipeline"/>).</summary>
    public static WebApplication BuildServices(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings files ship beside the binary; data (./data) stays relative to where Sori is started.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        configure?.Invoke(builder);
        builder.Services.AddSoriServices(builder.Configuration);
        builder.Services.AddSoriWeb();
        builder.Services.AddSoriWorkspace(builder.Configuration);
        builder.Services.AddSoriRealtime(builder.Configuration);

        return builder.Build();
    }

    /// <summary>Everything a process needs to run use cases: database, core, audit. Shared by the web host and the command line.</summary>
    public static IServiceCollection AddSoriServices(this IServiceCollection services, IConfiguration config)
    {
        var dataDir = DataDirectory(config);
        var db = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSoriDatabase(db, dataDir);
        services.AddSingleton(DeskSettingsCache.DefaultsFrom(config));
        services.AddSoriCore();
        services.AddSingleton<BufferedAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<BufferedAuditLog>());
        services.AddHostedService<AuditWriterWorker>();
        services.AddSoriDataProtection(config);
        services.AddSoriAuth();
        services.AddSoriAttachments(config);
        services.AddSoriWebhooks(config);
        services.AddSoriEmail(config);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new MaybeJsonConverterFactory()));
        return services;
    }

    private static IServiceCollection AddSoriWeb(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddSoriObservability();
        services.AddSoriApiDocs();
        return services;
    }

    public static WebApplication UseSoriPipeline(this WebApplication app)
    {
        app.UseSoriObservability();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseAuthentication();
        app.UseRequestLocalization();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapSoriApiDocs();
        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapTicketEndpoints();
        api.MapAgentEndpoints();
        api.MapTokenEndpoints();
        api.MapCustomerEndpoints();
        api.MapOrganizationEndpoints();
        api.MapTeamEndpoints();
        api.MapTagEndpoints();
        api.MapMacroEndpoints();
        api.MapSavedViewEndpoints();
        api.MapCustomFieldEndpoints();
        api.MapSettingsEndpoints();
        api.MapAuditEndpoints();
        api.MapAttachmentEndpoints();
        api.MapWebhookEndpoints();
        api.MapOutboxEndpoints();
        api.MapMailboxEndpoints();
        api.MapInboundEmailEndpoints();
        app.MapSoriWorkspace();
        app.MapSoriRealtime();
        return app;
    }

    public static string DataDirectory(IConfiguration config) =>
        Path.GetFullPath(config["Sori:DataDirectory"] ?? "data");

    /// <summary>Applies migrations when configured to (the default), fills data they added, and creates the first admin on an empty desk.</summary>
    public static Task PrepareDatabaseAsync(this WebApplication app) =>
        PrepareDatabaseAsync(app.Services, app.Configuration, (app.Configuration["urls"] ?? DefaultUrl).Split(';')[0]);

    /// <summary>
    /// The schema brought to the newest migration (when <paramref name="migrate"/>), then the data the
    /// migrations added filled in. Shared by start-up and <c>sori migrate</c>.
    /// </summary>
    public static async Task<SchemaChange> MigrateAsync(IServiceProvider services, bool migrate = true)
    {
        await using var scope = services.CreateAsyncScope();
        var change = migrate ? await DatabaseSchema.MigrateAsync(scope.ServiceProvider.GetRequiredService<SoriDbContext>()) : SchemaChange.UpToDate;
        // A database created just now from the baseline has no phones to backfill.
        if (change != SchemaChange.Baseline)
            await scope.ServiceProvider.GetRequiredService<Sori.Core.Customers.BackfillPhoneKeys>().Handle(CancellationToken.None);
        return change;
    }

    public static async Task PrepareDatabaseAsync(IServiceProvider services, IConfiguration config, string url)
    {
        await MigrateAsync(services, migrate: services.GetRequiredService<DatabaseOptions>().MigrateOnStartup);
        await FirstRun.EnsureAdminAsync(services, config, url, Console.Out);
        if (config.GetValue<bool>("Sori:SeedDemo")) await FirstRun.SeedDemoIfEmptyAsync(services, Console.Out);
    }
}
