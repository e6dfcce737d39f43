using System.Diagnostics;
using Sori.Bench.Cli;
using Sori.Bench.Hosting;
using Sori.Bench.Load;
using Sori.Bench.Reporting;
using Sori.Bench.Scenarios.TicketCreate;

namespace Sori.Bench.Scenarios.LiveUpdate;

/// <summary>
/// How long after an API call its live update reaches a client: a SignalR client of /hubs/live watches
/// all tickets while the bench creates tickets and posts replies through the API one at a time, and times
/// each call's response (the baseline: the API call's own latency) and the arrival of its push. Idle and
/// under background ticket creation; on one node, and on two nodes joined by Redis (API on one, hub on the
/// other) when redis-server is installed.
/// </summary>
public sealed class LiveUpdateScenario : IScenario
{
    public static readonly OptionSpec SamplesOption = new("samples", "N", "timed API calls per phase", "300");
    public static readonly OptionSpec BackgroundOption = new("background", "N", "workers creating tickets in the background during the loaded phase; 0 skips it", "4");
    public static readonly OptionSpec TopologyOption = new("topology", "one|two|both", "one node, two nodes over Redis, or both", "both when /usr/bin/redis-server exists");
    private const string RedisServer = "/usr/bin/redis-server";

    public string Name => "live-update";
    public string Description => "time from an API call to its live update on a hub client (one node, and two nodes over Redis) vs the API call itself";
    public IReadOnlyList<OptionSpec> Options =>
        [SamplesOption, BackgroundOption, TopologyOption, .. TicketCreateSettings.Specs.Where(o => o.Name is not ("idle" or "prime"))];

    public async Task<Report> RunAsync(ScenarioContext ctx)
    {
        var s = TicketCreateSettings.From(ctx.Options, ctx.RepoRoot);
        var samples = ctx.Options.Int("samples", 300);
        var background = ctx.Options.Int("background", 4);
        var topologies = ctx.Options.String("topology") switch
        {
            null => File.Exists(RedisServer) ? new[] { 1, 2 } : [1],
            "one" => [1],
            "two" => [2],
            "both" => [1, 2],
            var x => throw new UsageException($"--topology: '{x}' is not one, two or both"),
        };
        if (topologies.Contains(2) && !File.Exists(RedisServer)) throw new UsageException($"two nodes need {RedisServer} (apt-get install redis-server)");
        if (s.Build) await SoriServer.BuildAsync(ctx.RepoRoot, ctx.Progress, ctx.Cancel);
        if (!File.Exists(s.SoriDll)) throw new InvalidOperationException($"{s.SoriDll} not found: build it (drop --no-build) or pass --sori");

        var report = new Report(Name);
        var bodies = TicketCorpus.Build();
        foreach (var provider in s.Providers)
        {
            var table = new Table("nodes", "phase", "samples", "API p50", "API p95", "live p50", "live p95", "live p99", "live − API p50", "live p95 ÷ API p95", "background/s", "failed");
            var section = report.Section($"{provider}: API call → push on a hub client (ms)");
            section.Table = table;
            foreach (var nodes in topologies)
            {
                var p95s = new List<double>();
                var phasesFailed = 0;
                for (var run = 1; run <= s.Runs; run++)
                {
                    var phases = await RunOnceAsync(ctx, s, provider, nodes, samples, background, bodies);
                    foreach (var ph in phases)
                    {
                        table.Add(nodes == 1 ? "1" : "2 (Redis)", ph.Name, ph.Count.ToString(), Format.Ms(ph.ApiP50), Format.Ms(ph.ApiP95),
                            Format.Ms(ph.LiveP50), Format.Ms(ph.LiveP95), Format.Ms(ph.LiveP99), Format.Ms(ph.LiveP50 - ph.ApiP50),
                            Format.Ratio(ph.LiveP95 / ph.ApiP95), ph.BackgroundRate is { } r ? Format.Rate(r) : "—", ph.Failures.ToString());
                        p95s.Add(ph.LiveP95);
                        phasesFailed += ph.Failures;
                        ctx.Progress($"{provider} {nodes} node(s) run {run} {ph.Name}: API p95 {Format.Ms(ph.ApiP95)} ms, live p95 {Format.Ms(ph.LiveP95)} ms");
                    }
                }
                var worst = p95s.Count == 0 || p95s.Any(double.IsNaN) ? double.NaN : p95s.Max();
                report.Checks.Add(new Check($"{provider}, {(nodes == 1 ? "one node" : "two nodes over Redis")}: live update p95, worst phase",
                    "≤ 200 ms", Format.Ms(worst) + " ms", worst <= 200));
                var failures = phasesFailed;
                if (failures > 0) report.Checks.Add(new Check($"{provider}, {nodes} node(s): calls without an answer or push within 30 s", "0", failures.ToString(), false));
            }
            section.Lines.Add("API: from sending the request to its response (the baseline). Live: from sending the request to the push arriving at the hub client. " +
                              "live − API: how long after the response the push came.");
        }
        report.Notes.Add($"Calls go one at a time with 0–20 ms pauses; {samples} per phase after 30 unrecorded. Phases: create (POST /api/v1/tickets → ticket.created), " +
                         "reply (POST /api/v1/tickets/{id}/messages → message.created), and create while " +
                         $"{background} workers create tickets as fast as Sori takes them (closed loop).");
        report.Notes.Add("Two nodes: two Sori processes on the same database and a throwaway redis-server; API calls to node A, whose outbox worker pushes over Redis; the hub client on node B.");
        return report;
    }

    private sealed record Phase(string Name, int Count, double ApiP50, double ApiP95, double LiveP50, double LiveP95, double LiveP99, double? BackgroundRate)
    {
        public int Failures { get; init; }
    }

    private static async Task<List<Phase>> RunOnceAsync(ScenarioContext ctx, TicketCreateSettings s, Sori.Infrastructure.Database.DatabaseProvider provider,
        int nodes, int samples, int background, RequestBodies bodies)
    {
        var ct = ctx.Cancel;
        await using var db = await SoriDatabase.CreateAsync(provider, s.Postgres, ct);
        var token = await db.IssueTokenAsync(ct);
        ChildProcess? redis = null;
        var env = new Dictionary<string, string>(s.SoriEnv);
        if (nodes == 2)
        {
            var port = FreePort.Next();
            redis = ChildProcess.Start(RedisServer, ["--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no"],
                new Dictionary<string, string>(), db.DataDirectory, Path.Combine(db.DataDirectory, "redis.log"));
            env["Sori__Realtime__Redis"] = $"127.0.0.1:{port}";
        }
        var servers = new List<ChildProcess>();
        try
        {
            var (a, rootA, _) = await SoriServer.StartAsync(s.SoriDll, db, s.SoriInDataDirectory, env, ct);
            servers.Add(a);
            var rootB = rootA;
            if (nodes == 2)
            {
                var (b, root, _) = await SoriServer.StartAsync(s.SoriDll, db, s.SoriInDataDirectory, env, ct);
                servers.Add(b);
                rootB = root;
            }
            await using var probe = await LiveProbe.ConnectAsync(rootA, rootB, token, ct);
            var rnd = new Random(20261123);
            var i = 0;
            var replyTargets = new List<long>();

            async Task<Phase> Measure(string name, Func<Task<LiveProbe.Sample>> call, double? backgroundRate = null)
            {
                var taken = new List<LiveProbe.Sample>();
                var failed = new List<string>();
                for (var n = 0; n < samples + 30; n++)
                {
                    try
                    {
                        var sample = await call();
                        if (n >= 30) taken.Add(sample);
                    }
                    // A call without an answer or a push within 30 s is counted and reported, not fatal to the run.
                    catch (Exception e) when (!ct.IsCancellationRequested && e is TimeoutException or TaskCanceledException or HttpRequestException)
                    {
                        failed.Add(e.GetType().Name);
                        ctx.Progress($"{name}: {e.Message}");
                    }
                    await Task.Delay(rnd.Next(0, 21), ct);
                }
                return Summarize(name, taken, backgroundRate) with { Failures = failed.Count };
            }

            var phases = new List<Phase>
            {
                await Measure("create", async () =>
                {
                    var (sample, id) = await probe.CreateAsync(bodies[i++], ct);
                    replyTargets.Add(id);
                    return sample;
                }),
            };
            var next = 0;
            phases.Add(await Measure("reply", () => probe.ReplyAsync(replyTargets[next++ % replyTargets.Count], ct)));
            if (background > 0)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var created = 0L;
                var clock = Stopwatch.StartNew();
                var workers = Enumerable.Range(0, background).Select(w => Task.Run(async () =>
                {
                    using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = rootA };
                    http.DefaultRequestHeaders.Authorization = new("Bearer", token);
                    var r = new Random(w);
                    while (!stop.IsCancellationRequested)
                    {
                        using var content = new ByteArrayContent(bodies.Pick(r));
                        content.Headers.ContentType = new("application/json");
                        try
                        {
                            using var resp = await http.PostAsync("api/v1/tickets", content, stop.Token);
                            if ((int)resp.StatusCode == 201) Interlocked.Increment(ref created);
                        }
                        catch (OperationCanceledException) { }
                    }
                })).ToList();
                Phase loaded;
                try
                {
                    loaded = await Measure($"create, {background} creating", async () => (await probe.CreateAsync(bodies[i++], ct)).Sample);
                }
                finally
                {
                    stop.Cancel();
                    await Task.WhenAll(workers);
                }
                phases.Add(loaded with { BackgroundRate = Interlocked.Read(ref created) / clock.Elapsed.TotalSeconds });
            }
            return phases;
        }
        finally
        {
            foreach (var server in servers) server.Dispose();
            redis?.Dispose();
        }
    }

    private static Phase Summarize(string name, List<LiveProbe.Sample> samples, double? backgroundRate)
    {
        static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
        var api = samples.Select(x => x.ApiMs).Order().ToList();
        var live = samples.Select(x => x.LiveMs).Order().ToList();
        return new Phase(name, samples.Count, P(api, 0.5), P(api, 0.95), P(live, 0.5), P(live, 0.95), P(live, 0.99), backgroundRate);
    }
}
