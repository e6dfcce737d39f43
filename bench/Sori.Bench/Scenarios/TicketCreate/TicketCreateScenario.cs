using System.Diagnostics;
using System.Net;
using Sori.Bench.Cli;
using Sori.Bench.Hosting;
using Sori.Bench.Load;
using Sori.Bench.Reporting;
using Sori.Infrastructure.Database;

namespace Sori.Bench.Scenarios.TicketCreate;

/// <summary>
/// Tickets created through the REST API by closed-loop workers, against a bare Kestrel endpoint
/// loaded the same way in the same run; plus Sori's start-up time and idle memory.
/// </summary>
public sealed class TicketCreateScenario : IScenario
{
    internal const int SmokeRequests = 10;

    public string Name => "ticket-create";
    public string Description => "POST /api/v1/tickets at concurrency 1/8/32 vs bare Kestrel; start-up to healthy; idle RSS";
    public IReadOnlyList<OptionSpec> Options => TicketCreateSettings.Specs;

    public async Task<Report> RunAsync(ScenarioContext ctx)
    {
        var s = TicketCreateSettings.From(ctx.Options, ctx.RepoRoot);
        if (s.Build) await SoriServer.BuildAsync(ctx.RepoRoot, ctx.Progress, ctx.Cancel);
        if (!File.Exists(s.SoriDll)) throw new InvalidOperationException($"{s.SoriDll} not found: build it (drop --no-build) or pass --sori");
        var bodies = TicketCorpus.Build();

        var runs = s.Providers.ToDictionary(p => p, _ => new List<RunResult>());
        // Providers take turns run by run, so a slow minute on the shared box hits both rather than one.
        for (var run = 1; run <= s.Runs; run++)
            foreach (var provider in s.Providers)
                runs[provider].Add(await RunOnceAsync(ctx, s, provider, run, bodies));
        return TicketCreateReport.Build(s, runs.Select(kv => new ProviderResult(kv.Key, kv.Value)).ToList());
    }

    private static async Task<RunResult> RunOnceAsync(ScenarioContext ctx, TicketCreateSettings s, DatabaseProvider provider, int run, RequestBodies bodies)
    {
        var ct = ctx.Cancel;
        var label = $"{provider} run {run}/{s.Runs}";
        var result = new RunResult(run);
        await using var db = await SoriDatabase.CreateAsync(provider, s.Postgres, ct);
        var token = await db.IssueTokenAsync(ct);
        var (baseline, baselineUrl) = await BaselineServer.StartAsync(db.DataDirectory, ct);
        using var _ = baseline;
        var (sori, root, startUp) = await SoriServer.StartAsync(s.SoriDll, db, s.SoriInDataDirectory, s.SoriEnv, ct);
        try
        {
            result.StartUpMs = startUp.TotalMilliseconds;
            ctx.Progress($"{label}: Sori (pid {sori.Pid}) healthy after {startUp.TotalMilliseconds:0} ms");
            var dbCpu = provider == DatabaseProvider.Postgres ? await PostgresCpu.SamplerAsync(s.Postgres!, ct) : null;
            var target = new LoadTarget("Sori", new Uri(root, "api/v1/tickets"), HttpStatusCode.Created, token, sori.Pid, dbCpu);
            (result.Created, result.SoriProblem, result.FirstTicketMs) = await SmokeAsync(target, bodies, ct);
            if (result.SoriProblem is not null) ctx.Progress($"{label}: Sori not loaded: {result.SoriProblem}");
            else ctx.Progress($"{label}: first ticket took {Format.Ms(result.FirstTicketMs)} ms");

            await Task.Delay(s.Idle, ct);
            result.IdleRssMb = ProcessMemory.RssMb(sori.Pid) ?? double.NaN;
            ctx.Progress($"{label}: idle RSS {Format.Mb(result.IdleRssMb)}");

            var baselineTarget = new LoadTarget("baseline", baselineUrl, HttpStatusCode.Created, ServerPid: baseline.Pid);
            if (s.Prime > TimeSpan.Zero)
            {
                var top = s.Concurrency.Max();
                var bp = await Priming.RunAsync(baselineTarget, bodies, top, s.Prime, ct);
                ctx.Progress($"{label}: baseline primed at c={top}: {bp.Describe()}");
                if (result.SoriProblem is null)
                {
                    var sp = result.SoriPriming = await Priming.RunAsync(target, bodies, top, s.Prime, ct);
                    result.Created += sp.Slices.Sum(x => x.OkIncludingWarmup);
                    ctx.Progress($"{label}: Sori primed at c={top}: {sp.Describe()}; CPU ms/ticket " +
                                 string.Join(" → ", sp.Slices.Select(x => Format.Ms(x.CpuMsPerRequest))) + $"; errors {sp.Slices.Sum(x => x.Errors)}");
                }
            }
            foreach (var c in s.Concurrency)
            {
                var b = result.Baseline[c] = await ClosedLoopLoad.RunAsync(baselineTarget, bodies, c, s.Warmup, s.Duration, ct);
                var line = $"{label} c={c}: baseline {Format.Rate(b.Throughput)}/s p99 {Format.Ms(b.P99Ms)} ms";
                if (result.SoriProblem is null)
                {
                    var r = result.Sori[c] = await ClosedLoopLoad.RunAsync(target, bodies, c, s.Warmup, s.Duration, ct);
                    result.Created += r.OkIncludingWarmup;
                    line += $" | Sori {Format.Rate(r.Throughput)}/s p99 {Format.Ms(r.P99Ms)} ms, {Format.Ms(r.CpuMsPerRequest)} CPU ms each, errors {r.ErrorSummary}";
                }
                ctx.Progress(line);
            }
            result.PeakRssMb = ProcessMemory.PeakRssMb(sori.Pid) ?? double.NaN;
            (result.CpuSeconds, result.FileWatchSeconds) = (ProcessCpu.Seconds(sori.Pid) ?? double.NaN, ProcessCpu.ThreadSeconds(sori.Pid, ".NET File Watch"));
            if (!sori.HasExited) ctx.Progress($"{label}: Sori used {result.CpuSeconds:0.0} CPU s, of which the config file watcher {result.FileWatchSeconds:0.0} s");
        }
        finally
        {
            if (sori.ExitCode is { } code)
            {
                result.SoriExited = $"Sori (pid {sori.Pid}) exited by itself with code {code} before the run ended";
                ctx.Progress($"{label}: {result.SoriExited}");
            }
            sori.Dispose();
            (result.LoggedErrors, result.LogCopy) = KeepLog(ctx, sori.LogPath, $"{provider}-run{run}".ToLowerInvariant());
        }
        if (result.SoriProblem is null) result.Stored = await db.CountAsync(ct);
        return result;
    }

    /// <summary>A few sequential requests first, so a missing endpoint or bad token is one clear message, not 10 s of errors.</summary>
    private static async Task<(long Created, string? Problem, double FirstMs)> SmokeAsync(LoadTarget target, RequestBodies bodies, CancellationToken ct)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        long created = 0;
        string? first = null;
        var firstMs = double.NaN;
        for (var i = 0; i < SmokeRequests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (error, sample) = await ClosedLoopLoad.SendOne(client, target, bodies[i], ct);
            // The cold first request is what the first API client after a deploy waits for.
            if (i == 0) firstMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (error is null) created++;
            else first ??= sample ?? error;
        }
        return created == 0
            ? (0, $"POST {target.Url.AbsolutePath} never answered 201; first answer: {first}", double.NaN)
            : (created, null, firstMs);
    }

    /// <summary>Sori's temp directory is deleted with the run; its log is kept under bench/out for a look at any errors.</summary>
    private static (int Errors, string Copy) KeepLog(ScenarioContext ctx, string logPath, string name)
    {
        var dir = Directory.CreateDirectory(Path.Combine(ctx.RepoRoot, "bench", "out", "logs")).FullName;
        var copy = Path.Combine(dir, $"ticket-create-{DateTime.Now:yyyyMMdd-HHmmss}-{name}.log");
        if (!File.Exists(logPath)) return (0, copy);
        File.Copy(logPath, copy, overwrite: true);
        var errors = File.ReadLines(copy).Count(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        return (errors, Path.GetRelativePath(ctx.RepoRoot, copy));
    }
}
