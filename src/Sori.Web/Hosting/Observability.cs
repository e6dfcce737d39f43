using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Sori.Web.Hosting;

/// <summary>Prometheus metrics at /metrics and one structured log line per request.</summary>
public static class Observability
{
    public const string MeterName = "Sori";
    public static readonly Meter Meter = new(MeterName);
    public static readonly Counter<long> TicketsCreated = Meter.CreateCounter<long>("sori.tickets.created", description: "Tickets created, by channel.");

    public static IServiceCollection AddSoriObservability(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(m => m
            // System.Runtime: CPU time, GC heap and allocations, thread pool queue, lock contention.
            .AddMeter(MeterName, Sori.Infrastructure.Database.DatabaseMetrics.MeterName, "Microsoft.AspNetCore.Hosting",
                "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.EntityFrameworkCore", "System.Runtime")
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication UseSoriObservability(this WebApplication app)
    {
        app.UseMiddleware<RequestLogMiddleware>();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}

/// <summary>Method, path, status, elapsed and caller as structured fields (category Sori.Requests).</summary>
public sealed class RequestLogMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("Sori.Requests");

    public async Task InvokeAsync(HttpContext http)
    {
        if (!_log.IsEnabled(LogLevel.Information))
        {
            await next(http);
            return;
        }
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            _log.LogInformation("{Method} {Path} {Status} {ElapsedMs:0.0}ms {Caller}", http.Request.Method, http.Request.Path.Value,
                http.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds, http.User.Identity?.Name ?? "-");
        }
    }
}
