using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sori.Bench.Hosting;

/// <summary>
/// The floor Sori is compared with: Kestrel and minimal-API JSON binding with no database, run as
/// a child process like Sori so both pay the same loopback and process costs.
/// </summary>
public static class BaselineServer
{
    public const string Command = "baseline-server";

    public sealed record TicketIn(string? Subject, string? Body, RequesterIn? Requester);
    public sealed record RequesterIn(string? Name, string? Email);

    /// <summary>Runs inside the child: <c>Sori.Bench baseline-server PORT</c>.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var port = args.Length > 1 && int.TryParse(args[1], out var p) ? p : throw new ArgumentException("usage: baseline-server PORT");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        long next = 0;
        app.MapGet("/healthz", () => "Healthy");
        app.MapPost("/baseline", (TicketIn t) =>
        {
            // Touch what Sori must touch (the parsed fields) so the JIT cannot skip the binding work.
            if (string.IsNullOrWhiteSpace(t.Subject) || t.Requester?.Email is null) return Results.BadRequest();
            var id = Interlocked.Increment(ref next);
            return Results.Created($"/baseline/{id}", new { id, number = id, subject = t.Subject, status = "new" });
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// Starts the child on a free port, in a folder of its own under <paramref name="workDir"/>, and waits
    /// until it answers. In Sori's data folder its configuration watcher would wake for every write to
    /// the database files and take CPU from Sori's measured window.
    /// </summary>
    public static async Task<(ChildProcess Process, Uri Url)> StartAsync(string workDir, CancellationToken ct)
    {
        workDir = Directory.CreateDirectory(Path.Combine(workDir, "baseline")).FullName;
        var port = FreePort.Next();
        var dll = Assembly.GetEntryAssembly()!.Location;
        var started = Stopwatch.GetTimestamp();
        var child = ChildProcess.Start("dotnet", [dll, Command, port.ToString()],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, workDir, Path.Combine(workDir, "baseline.log"));
        try
        {
            var root = new Uri($"http://127.0.0.1:{port}/");
            await child.WaitHealthyAsync(new Uri(root, "healthz"), started, TimeSpan.FromSeconds(30), ct);
            return (child, new Uri(root, "baseline"));
        }
        catch { child.Dispose(); throw; }
    }
}
