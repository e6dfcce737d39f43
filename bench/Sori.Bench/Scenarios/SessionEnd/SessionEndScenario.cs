using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Sori.Bench.Cli;
using Sori.Bench.Hosting;
using Sori.Bench.Reporting;
using Sori.Bench.Scenarios.TicketCreate;
using Sori.Core.Tokens;

namespace Sori.Bench.Scenarios.SessionEnd;

/// <summary>
/// How soon a revoked credential loses its live connection: a token is issued, a hub client connects with
/// it and watches every ticket, then the token is revoked through the API and the time until the server
/// closes that connection is taken, against the revoke call itself (the baseline). Other hub connections
/// stay open meanwhile, so each node's check has sessions to go through. One node, and two nodes over
/// Redis (revoke on one, the connection on the other).
/// </summary>
public sealed class SessionEndScenario : IScenario
{
    public static readonly OptionSpec SamplesOption = new("samples", "N", "timed revocations per run", "100");
    public static readonly OptionSpec ConnectionsOption = new("connections", "N", "other hub connections kept open on the connection's node", "200");
    private const string RedisServer = "/usr/bin/redis-server";

    public string Name => "session-end";
    public string Description => "time from revoking an API token to the close of a hub connection made with it, vs the revoke call (one node, two over Redis)";
    public IReadOnlyList<OptionSpec> Options =>
        [SamplesOption, ConnectionsOption, LiveUpdate.LiveUpdateScenario.TopologyOption, .. TicketCreateSettings.Specs.Where(o => o.Name is not ("idle" or "prime"))];

    private sealed record Result(int Count, double ApiP50, double ApiP95, double CloseP50, double CloseP95, double CloseP99, int Failures);

    public async Task<Report> RunAsync(ScenarioContext ctx)
    {
        var s = TicketCreateSettings.From(ctx.Options, ctx.RepoRoot);
        var samples = ctx.Options.Int("samples", 100);
        var connections = ctx.Options.Int("connections", 200);
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
        foreach (var provider in s.Providers)
        {
            var table = new Table("nodes", "samples", "revoke p50", "revoke p95", "closed p50", "closed p95", "closed p99", "closed − revoke p50", "failed");
            report.Section($"{provider}: revoking a token → its hub connection closed (ms)").Table = table;
            foreach (var nodes in topologies)
            {
                var worst = 0.0;
                for (var run = 1; run <= s.Runs; run++)
                {
                    var r = await RunOnceAsync(ctx, s, provider, nodes, samples, connections);
                    table.Add(nodes == 1 ? "1" : "2 (Redis)", r.Count.ToString(), Format.Ms(r.ApiP50), Format.Ms(r.ApiP95), Format.Ms(r.CloseP50),
                        Format.Ms(r.CloseP95), Format.Ms(r.CloseP99), Format.Ms(r.CloseP50 - r.ApiP50), r.Failures.ToString());
                    worst = double.IsNaN(r.CloseP99) ? double.NaN : Math.Max(worst, r.CloseP99);
                    ctx.Progress($"{provider} {nodes} node(s) run {run}: revoke p95 {Format.Ms(r.ApiP95)} ms, closed p95 {Format.Ms(r.CloseP95)} ms");
                    if (r.Failures > 0) report.Checks.Add(new Check($"{provider}, {nodes} node(s): connections still open 30 s after the revoke", "0", r.Failures.ToString(), false));
                }
                report.Checks.Add(new Check($"{provider}, {(nodes == 1 ? "one node" : "two nodes over Redis")}: connection closed after revoke, p99",
                    "≤ 5,000 ms (the periodic check)", Format.Ms(worst) + " ms", worst <= 5000));
            }
        }
        report.Notes.Add($"Per sample: POST /api/v1/tokens (read), a hub client connects with it and watches every ticket, then DELETE /api/v1/tokens/{{id}} is timed " +
                         $"(revoke) along with the hub client's Closed event (closed), both from sending the DELETE; {samples} samples after 10 unrecorded, " +
                         $"with {connections} other hub connections open on the connection's node.");
        report.Notes.Add("Two nodes: two Sori processes on the same database and a throwaway redis-server; the revoke goes to node A, the connection is on node B.");
        return report;
    }

    private static async Task<Result> RunOnceAsync(ScenarioContext ctx, TicketCreateSettings s, Sori.Infrastructure.Database.DatabaseProvider provider,
        int nodes, int samples, int connections)
    {
        var ct = ctx.Cancel;
        await using var db = await SoriDatabase.CreateAsync(provider, s.Postgres, ct);
        var admin = await db.IssueTokenAsync(ct, TokenScopes.Admin);
        var reader = await db.IssueTokenAsync(ct);
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
        var others = new List<HubConnection>();
        try
        {
            var (a, api, _) = await SoriServer.StartAsync(s.SoriDll, db, s.SoriInDataDirectory, env, ct);
            servers.Add(a);
            var hubNode = api;
            if (nodes == 2)
            {
                var (b, root, _) = await SoriServer.StartAsync(s.SoriDll, db, s.SoriInDataDirectory, env, ct);
                servers.Add(b);
                hubNode = root;
            }
            for (var i = 0; i < connections; i++) others.Add(await ConnectAsync(hubNode, reader, ct));
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);

            var revoke = new List<double>();
            var closed = new List<double>();
            var failures = 0;
            for (var n = 0; n < samples + 10; n++)
            {
                var issued = await http.PostAsJsonAsync("api/v1/tokens", new { name = $"probe {n}", scopes = new[] { "read" } }, ct);
                if (issued.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"token: {(int)issued.StatusCode}");
                var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync(ct)).RootElement;
                var (id, plain) = (body.GetProperty("token").GetProperty("id").GetInt64(), body.GetProperty("plainText").GetString()!);
                await using var probe = await ConnectAsync(hubNode, plain, ct);
                var gone = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                probe.Closed += _ => { gone.TrySetResult(Stopwatch.GetTimestamp()); return Task.CompletedTask; };

                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.DeleteAsync($"api/v1/tokens/{id}", ct);
                var t1 = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.NoContent) throw new InvalidOperationException($"revoke: {(int)response.StatusCode}");
                try
                {
                    var t2 = await gone.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
                    if (n < 10) continue;
                    revoke.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                    closed.Add(Stopwatch.GetElapsedTime(t0, t2).TotalMilliseconds);
                }
                catch (TimeoutException)
                {
                    failures++;
                    ctx.Progress($"token {id}: its connection was still open 30 s after the revoke");
                }
            }
            static double P(List<double> v, double q)
            {
                var sorted = v.Order().ToList();
                return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
            }
            return new Result(closed.Count, P(revoke, 0.5), P(revoke, 0.95), P(closed, 0.5), P(closed, 0.95), P(closed, 0.99), failures);
        }
        finally
        {
            foreach (var c in others) await c.DisposeAsync();
            foreach (var server in servers) server.Dispose();
            redis?.Dispose();
        }
    }

    private static async Task<HubConnection> ConnectAsync(Uri node, string token, CancellationToken ct)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(node, "hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await hub.StartAsync(ct);
        await hub.InvokeAsync("WatchTickets", ct);
        return hub;
    }
}
