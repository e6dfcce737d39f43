using System.Diagnostics;
using System.Net;
using Sori.Bench.Cli;
using Sori.Bench.Hosting;
using Sori.Bench.Load;
using Sori.Bench.Reporting;
using Sori.Bench.Scenarios.TicketCreate;
using Sori.Bench.Scenarios.TicketList;

namespace Sori.Bench.Scenarios.WorkspaceRender;

/// <summary>
/// The agent workspace's server render, as a browser gets it: <c>GET /tickets/{id}</c> for a ticket
/// with 200 messages and <c>GET /?view=all</c> (the inbox's first page, its view counts and two saved
/// views' counts) at 1,000,000 tickets, each with a signed-in agent's cookie. The same-run baseline
/// is the same data as JSON from the API (<c>/api/v1/tickets/{id}/messages?limit=200</c>,
/// <c>/api/v1/tickets?limit=50</c>), through the same host and cookie: the ratio is what rendering
/// the page costs over reading its data.
/// </summary>
public sealed class WorkspaceRenderScenario : IScenario
{
    public static readonly OptionSpec MessagesOption = new("messages", "N", "messages on the long ticket", "200");
    public static readonly OptionSpec AgentsOption = new("agents", "N", "agents on the desk (the pages list them)", "20");

    public string Name => "workspace-render";
    public string Description => "server render of the ticket page (200 messages) and the inbox (1,000,000 tickets) vs the same data from the JSON API";
    public IReadOnlyList<OptionSpec> Options =>
        [TicketListScenario.TicketsOption, MessagesOption, AgentsOption, .. TicketCreateSettings.Specs.Where(o => o.Name is not ("idle" or "prime"))];

    private sealed record Pair(string Page, string PagePath, string Baseline, string BaselinePath, string CheckName);

    public async Task<Report> RunAsync(ScenarioContext ctx)
    {
        var s = TicketCreateSettings.From(ctx.Options, ctx.RepoRoot);
        var tickets = ctx.Options.Int("tickets", 1_000_000);
        var messages = ctx.Options.Int("messages", 200);
        var agents = ctx.Options.Int("agents", 20);
        var concurrency = ctx.Options.Has("concurrency") ? s.Concurrency : [1, 4];
        var runs = ctx.Options.Has("runs") ? s.Runs : 1;
        if (s.Build) await SoriServer.BuildAsync(ctx.RepoRoot, ctx.Progress, ctx.Cancel);
        if (!File.Exists(s.SoriDll)) throw new InvalidOperationException($"{s.SoriDll} not found: build it (drop --no-build) or pass --sori");

        var report = new Report(Name);
        foreach (var provider in s.Providers)
        {
            var table = new Table("run", "page", "concurrency", "page/s", "page p50", "page p95", "page p99", "page KB",
                "API p50", "API p95", "page p95 ÷ API p95", "page CPU ms", "API CPU ms", "other cores", "errors");
            var section = report.Section($"{provider}: server render with a signed-in cookie, {tickets:#,0} tickets (ms)");
            section.Table = table;
            var p95s = new Dictionary<string, List<double>>();
            for (var run = 1; run <= runs; run++)
            {
                var ct = ctx.Cancel;
                await using var db = await SoriDatabase.CreateAsync(provider, s.Postgres, ct);
                await db.IssueTokenAsync(ct); // migrates
                var seed = Stopwatch.StartNew();
                await TicketSeed.LoadAsync(db, tickets, TicketListScenario.Customers, ct);
                ctx.Progress($"{provider} run {run}: {tickets:#,0} tickets loaded in {seed.Elapsed.TotalSeconds:0} s");
                var env = new Dictionary<string, string>(s.SoriEnv)
                {
                    ["Sori__Admin__Email"] = WorkspaceDesk.AdminEmail, ["Sori__Admin__Password"] = WorkspaceDesk.AdminPassword,
                };
                var dbCpu = provider == Sori.Infrastructure.Database.DatabaseProvider.Postgres ? await PostgresCpu.SamplerAsync(s.Postgres!, ct) : null;
                var (sori, root, _) = await SoriServer.StartAsync(s.SoriDll, db, s.SoriInDataDirectory, env, ct);
                try
                {
                    var desk = await WorkspaceDesk.CreateAsync(root, tickets, messages, agents, m => ctx.Progress($"{provider} run {run}: {m}"), ct);
                    Pair[] pairs =
                    [
                        new($"ticket ({messages} messages)", $"tickets/{desk.LongTicketId}", "messages JSON", $"api/v1/tickets/{desk.LongTicketId}/messages?limit={messages}", "ticket page"),
                        new("inbox (All, 50 rows)", "?view=all", "list JSON", "api/v1/tickets?limit=50", "inbox first page"),
                    ];
                    LoadTarget Target(string name, string path) =>
                        new(name, new Uri(root, path), HttpStatusCode.OK, null, sori.Pid, dbCpu) { Method = HttpMethod.Get, Cookie = desk.Cookie };
                    var none = new RequestBodies([[]]);
                    foreach (var p in pairs)
                    {
                        var size = await PageSizeAsync(new Uri(root, p.PagePath), desk.Cookie, ct);
                        // Heat the JIT and the caches, unrecorded.
                        await ClosedLoopLoad.RunAsync(Target(p.Page, p.PagePath), none, concurrency.Max(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), ct);
                        await ClosedLoopLoad.RunAsync(Target(p.Baseline, p.BaselinePath), none, concurrency.Max(), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), ct);
                        foreach (var c in concurrency)
                        {
                            var api = await ClosedLoopLoad.RunAsync(Target(p.Baseline, p.BaselinePath), none, c, s.Warmup, s.Duration, ct);
                            var page = await ClosedLoopLoad.RunAsync(Target(p.Page, p.PagePath), none, c, s.Warmup, s.Duration, ct);
                            if (c == concurrency.Min()) (p95s.TryGetValue(p.CheckName, out var l) ? l : p95s[p.CheckName] = []).Add(page.P95Ms);
                            table.Add(run.ToString(), p.Page, c.ToString(), Format.Rate(page.Throughput), Format.Ms(page.P50Ms), Format.Ms(page.P95Ms),
                                Format.Ms(page.P99Ms), (size / 1024.0).ToString("0"), Format.Ms(api.P50Ms), Format.Ms(api.P95Ms),
                                Format.Ratio(page.P95Ms / api.P95Ms), Format.Ms(Cpu(page)), Format.Ms(Cpu(api)),
                                Format.Cores(page.Cores(page.Cpu.Other)), $"{page.ErrorSummary} / {api.ErrorSummary}");
                            ctx.Progress($"{provider} run {run} {p.Page} c={c}: p95 {Format.Ms(page.P95Ms)} ms (API {Format.Ms(api.P95Ms)} ms), errors {page.ErrorSummary} / {api.ErrorSummary}");
                        }
                    }
                }
                finally { sori.Dispose(); }
            }
            section.Lines.Add("Page: the HTML a browser gets on opening the page (Blazor's server prerender: every query of the page and the whole component tree), signed in as an admin by cookie. " +
                              "API: the same ticket's messages, or the same first page of the list, as JSON through the same host and cookie.");
            section.Lines.Add("CPU ms: Sori's CPU (and PostgreSQL's, on that provider) per request, steadier than latency on a shared machine; other cores: what the rest of the machine used meanwhile, of 2.");
            section.Lines.Add($"The desk: {tickets:#,0} bulk-loaded tickets, {agents} agents in 4 teams, one ticket with {messages} messages (every tenth an internal note) and its events, two personal saved views counted in the sidebar (open and urgent; a tag on 10 tickets).");
            foreach (var (name, values) in p95s)
            {
                var p95 = Format.Median(values);
                report.Checks.Add(new Check($"{provider} {name} p95 at c={concurrency.Min()}", "≤ 50 ms", Format.Ms(p95) + " ms", p95 <= 50));
            }
        }
        report.Notes.Add("Opening a page also starts its live circuit, which renders once more over the WebSocket; that second render is not in these figures.");
        return report;
    }

    private static double Cpu(LoadResult r) => r.CpuMsPerRequest + (double.IsNaN(r.DatabaseCpuMsPerRequest) ? 0 : r.DatabaseCpuMsPerRequest);

    private static async Task<long> PageSizeAsync(Uri url, string cookie, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
        return body.LongLength;
    }
}
