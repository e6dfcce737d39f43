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
    private const int Customers = 20_000;

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
                await SeedAsync(db, tickets, ct);
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
            section.Lines.Add($"Raw SQL: the page's query written by hand (tickets joined to their requester, both filters, newest first, 51 rows), read on one open {provider} connection in the bench process, one at a time.");
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

    private static DbConnection Connect(SoriDatabase db) =>
        db.Provider == DatabaseProvider.Sqlite ? new SqliteConnection(db.ConnectionString) : new NpgsqlConnection(db.ConnectionString);

    private static async Task SeedAsync(SoriDatabase db, int tickets, CancellationToken ct)
    {
        await using var conn = Connect(db);
        await conn.OpenAsync(ct);
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        string Series(string n) => sqlite
            ? $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) SELECT i FROM n"
            : $"SELECT i FROM generate_series(1::bigint, {n}) AS g(i)";
        var day0 = sqlite ? "'2026-01-01 00:00:00'" : "timestamptz '2026-01-01 00:00:00+00'";
        string At(string seconds) => sqlite ? $"datetime('2025-01-01 00:00:00', '+' || ({seconds}) || ' seconds')"
                                            : $"timestamptz '2025-01-01 00:00:00+00' + ({seconds}) * interval '1 second'";
        var emptyTags = sqlite ? "'[]'" : "'{}'::text[]";
        const string emptyObject = "'{}'";
        string[] statements =
        [
            $"""
            INSERT INTO "Customers" ("Name", "Language", "TimeZone", "CreatedAt", "UpdatedAt", "Tags", "CustomFields")
            SELECT '고객 ' || i, 'ko', 'Asia/Seoul', {day0}, {day0}, {emptyTags}, {emptyObject} FROM ({Series(Customers.ToString())}) s
            """,
            $"""
            INSERT INTO "Tickets" ("Number", "Subject", "Status", "Priority", "Channel", "Type", "RequesterId", "CreatedAt", "UpdatedAt", "Version", "CustomFields")
            SELECT i, '배송 문의 ' || i,
                   CASE i % 6 WHEN 0 THEN 'New' WHEN 1 THEN 'Open' WHEN 2 THEN 'Pending' WHEN 3 THEN 'OnHold' WHEN 4 THEN 'Solved' ELSE 'Closed' END,
                   CASE (i / 6) % 4 WHEN 0 THEN 'Low' WHEN 1 THEN 'Normal' WHEN 2 THEN 'High' ELSE 'Urgent' END,
                   CASE (i / 24) % 6 WHEN 0 THEN 'Email' WHEN 1 THEN 'Chat' WHEN 2 THEN 'WebForm' WHEN 3 THEN 'Api' WHEN 4 THEN 'Phone' ELSE 'Messenger' END,
                   'Question', 1 + (i * 7919) % {Customers}, {At("i * 30")}, {At("i * 30 + 60")}, 0, {emptyObject}
            FROM ({Series(tickets.ToString())}) s
            """,
            sqlite ? $"UPDATE \"Counters\" SET \"Value\" = {tickets} WHERE \"Name\" = 'ticket_number'"
                   : $"SELECT setval('ticket_number_seq', {tickets})",
        ];
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var sql in statements)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = tx;
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        if (!sqlite)
        {
            // What autovacuum would do shortly after a bulk load; SQLite gets no statistics, as in Sori.
            await using var analyze = conn.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<(double P50, double P95)> RawQueryAsync(SoriDatabase db, TimeSpan duration, CancellationToken ct)
    {
        await using var conn = Connect(db);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT t."Id", t."Number", t."Subject", t."Status", t."Priority", t."Channel", t."Type", t."RequesterId", c."Name",
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
