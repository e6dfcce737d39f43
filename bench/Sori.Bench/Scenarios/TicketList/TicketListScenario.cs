using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sori.Bench.Cli;
using Sori.Bench.Hosting;
using Sori.Bench.Load;
using Sori.Bench.Reporting;
using Sori.Bench.Scenarios.TicketCreate;
using Sori.Infrastructure.Database;

namespace Sori.Bench.Scenarios.TicketList;

/// <summary>
/// The first page of a filtered ticket list on a large desk: N tickets (default 1,000,000) bulk-loaded
/// with SQL, then <c>GET /api/v1/tickets?status=open&amp;priority=high&amp;limit=50</c> (two filters)
/// through the API, next to the same page read with one hand-written SQL query on a bare connection.
/// </summary>
public sealed class TicketListScenario : IScenario
{
    public const string Query = "api/v1/tickets?status=open&priority=high&limit=50";
    public static readonly OptionSpec TicketsOption = new("tickets", "N", "tickets to bulk-load before measuring", "1000000");
    public const int Customers = 20_000;

    public string Name => "ticket-list";
    public string Description => "GET /api/v1/tickets with two filters at 1,000,000 tickets vs the same page by raw SQL";
    public IReadOnlyList<OptionSpec> Options => [TicketsOption, .. TicketCreateSettings.Specs.Where(o => o.Name is not ("idle" or "prime"))];

    public async Task<Report> RunAsync(ScenarioContext ctx)
    {
        var s = TicketCreateSettings.From(ctx.Options, ctx.RepoRoot);
        var tickets = ctx.Options.Int("tickets", 1_000_000);
        var concurrency = ctx.Options.Has("concurrency") ? s.Concurrency : [1, 8];
        var runs = ctx.Options.Has("runs") ? s.Runs : 1;
        if (s.Build) await SoriServer.BuildAsync(ctx.RepoRoot, ctx.Progress, ctx.Cancel);
        if (!File.Exists(s.SoriDll)) throw new InvalidOperationException($"{s.SoriDll} not found: build it (drop --no-build) or pass --sori");

        var report = new Report(Name);
        var checks = new List<Check>();
        foreach (var provider in s.Providers)
        {
            var table = new Table("run", "concurrency", "Sori/s", "Sori p50", "Sori p95", "Sori p99", "raw SQL p50", "raw SQL p95", "Sori p95 ÷ raw p95", "errors");
            var section = report.Section($"{provider}: first page of GET /{Query} at {tickets:#,0} tickets (ms)");
            section.Table = table;
            var p95s = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var ct = ctx.Cancel;
                await using var db = await SoriDatabase.CreateAsync(provider, s.Postgres, ct);
                var token = await db.IssueTokenAsync(ct);
                var seed = Stopwatch.StartNew();
                await TicketSeed.LoadAsync(db, tickets, Customers, ct);
                var dbSize = DatabaseSize(db);
                ctx.Progress($"{provider} run {run}: {tickets:#,0} tickets and {Customers:#,0} customers loaded in {seed.Elapsed.TotalSeconds:0} s{dbSize}");
                var (sori, root, startUp) = await SoriServer.StartAsync(s.SoriDll, db, s.SoriInDataDirectory, s.SoriEnv, ct);
                try
                {
                    ctx.Progress($"{provider} run {run}: Sori healthy after {startUp.TotalMilliseconds:0} ms");
                    var target = new LoadTarget("Sori", new Uri(root, Query), HttpStatusCode.OK, token, sori.Pid) { Method = HttpMethod.Get };
                    var none = new RequestBodies([[]]);
                    // Heat the JIT and the caches, unrecorded.
                    await ClosedLoopLoad.RunAsync(target, none, concurrency.Max(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), ct);
                    var raw = await RawQueryAsync(db, TimeSpan.FromSeconds(Math.Max(3, s.Duration.TotalSeconds / 2)), ct);
                    foreach (var c in concurrency)
                    {
                        var r = await ClosedLoopLoad.RunAsync(target, none, c, s.Warmup, s.Duration, ct);
                        if (c == 1) p95s.Add(r.P95Ms);
                        table.Add(run.ToString(), c.ToString(), Format.Rate(r.Throughput), Format.Ms(r.P50Ms), Format.Ms(r.P95Ms), Format.Ms(r.P99Ms),
                            Format.Ms(raw.P50), Format.Ms(raw.P95), Format.Ratio(r.P95Ms / raw.P95), r.ErrorSummary);
                        ctx.Progress($"{provider} run {run} c={c}: Sori {Format.Rate(r.Throughput)}/s p95 {Format.Ms(r.P95Ms)} ms; raw SQL p95 {Format.Ms(raw.P95)} ms; errors {r.ErrorSummary}");
                    }
                }
                finally { sori.Dispose(); }
            }
            section.Lines.Add($"Raw SQL: the page's query written by hand (tickets joined to their requester and the requester's first address, both filters, newest first, 51 rows), read on one open {provider} connection in the bench process, one at a time.");
            var p95 = Format.Median(p95s);
            checks.Add(new Check($"{provider} list p95 at c=1, {tickets:#,0} tickets", "≤ 20 ms", Format.Ms(p95) + " ms", p95 <= 20));
        }
        report.Checks.AddRange(checks);
        report.Notes.Add("Tickets: status cycles through the six states, priority and channel vary independently of it, 30 s apart, requesters spread over 20,000 customers; so status=open&priority=high matches 1 in 24 tickets.");
        return report;
    }

    private static string DatabaseSize(SoriDatabase db) =>
        db.Provider == DatabaseProvider.Sqlite && File.Exists(Path.Combine(db.DataDirectory, "sori.db"))
            ? $" ({new FileInfo(Path.Combine(db.DataDirectory, "sori.db")).Length / 1_048_576:#,0} MB)" : "";

    private static async Task<(double P50, double P95)> RawQueryAsync(SoriDatabase db, TimeSpan duration, CancellationToken ct)
    {
        await using var conn = TicketSeed.Connect(db);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT t."Id", t."Number", t."Subject", t."Status", t."Priority", t."Channel", t."Type", t."RequesterId", c."Name",
                   (SELECT e."Address" FROM "CustomerEmails" e WHERE e."CustomerId" = c."Id" ORDER BY e."Id" LIMIT 1),
                   t."AssigneeId", t."TeamId", t."CreatedAt", t."UpdatedAt"
            FROM "Tickets" t JOIN "Customers" c ON c."Id" = t."RequesterId"
            WHERE t."Status" = 'Open' AND t."Priority" = 'High'
            ORDER BY t."Id" DESC LIMIT 51
            """;
        var times = new List<double>();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var t0 = Stopwatch.GetTimestamp();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.95)]);
    }
}
