using System.Diagnostics;
using Sori.Bench.Cli;
using Sori.Bench.Hosting;
using Sori.Bench.Load;
using Sori.Bench.Reporting;
using Sori.Bench.Scenarios.TicketCreate;
using Sori.Infrastructure.Database;
using Sori.Testing;

namespace Sori.Bench.Scenarios.EmailIngest;

/// <summary>
/// Inbound mail through the whole pipeline (parse, filters, threading, customer matching, store) on a
/// published Sori: the raw drop endpoint fed by an MTA-like client with requests in flight, and
/// <c>sori import-mail</c> of the same messages as one mbox; next to MimeKit's bare parse rate of the
/// same messages in the same run.
/// </summary>
public sealed class EmailIngestScenario : IScenario
{
    public static readonly OptionSpec MessagesOption = new("messages", "N", "messages per run: the shared corpus, then generated mail", "3000");
    public static readonly OptionSpec InFlightOption = new("in-flight", "N", "drop requests in flight, and import-mail --parallel", "16");
    public static readonly OptionSpec WarmOption = new("warm", "N", "generated messages per unrecorded warm-up slice; slices run until Sori's JIT thread is idle (see --prime)", "400");
    private const string Address = "help@shop.example.kr";

    public string Name => "email-ingest";
    public string Description => "raw MIME through the drop endpoint and sori import-mail, messages/s vs MimeKit's bare parse";
    public IReadOnlyList<OptionSpec> Options => [MessagesOption, InFlightOption, WarmOption, .. TicketCreateSettings.Specs.Where(o => o.Name is not "idle")];

    public async Task<Report> RunAsync(ScenarioContext ctx)
    {
        var s = TicketCreateSettings.From(ctx.Options, ctx.RepoRoot);
        var (count, inFlight, warm) = (ctx.Options.Int("messages", 3000), ctx.Options.Int("in-flight", 16), ctx.Options.Int("warm", 400));
        if (s.Build) await SoriServer.BuildAsync(ctx.RepoRoot, ctx.Progress, ctx.Cancel);
        if (!File.Exists(s.SoriDll)) throw new InvalidOperationException($"{s.SoriDll} not found: build it (drop --no-build) or pass --sori");
        var corpus = MailCorpus.Build(ctx.RepoRoot, count, seed: 20260302, Address);
        var shared = MailCorpus.Shared(ctx.RepoRoot).Count();
        var mboxFile = Path.Combine(Path.GetTempPath(), $"sori-bench-{Guid.NewGuid():N}.mbox");
        await File.WriteAllBytesAsync(mboxFile, SyntheticMail.ToMbox(corpus.Select(c => new SyntheticMessage(c.Raw, c.MessageId ?? "", false, false))), ctx.Cancel);
        ctx.Progress($"{corpus.Count:#,0} messages ({shared:#,0} from the shared corpus, {corpus.Sum(c => c.Raw.Length) / 1024:#,0} KB), warm-up slices of {warm:#,0}");

        var report = new Report(Name);
        try
        {
            foreach (var provider in s.Providers)
            {
                var table = new Table("run", "MimeKit parse/s (1 thread)", "parse/s (all cores)", "drop msgs/s", "drop p50 ms", "drop p95 ms",
                    "Sori CPU ms/msg", "drop ÷ parse (all cores)", "import msgs/s", "import fixed cost s", "stored", "errors");
                report.Section($"{provider}: {corpus.Count:#,0} messages, {inFlight} in flight").Table = table;
                var drops = new List<double>();
                var imports = new List<double>();
                for (var run = 1; run <= s.Runs; run++)
                {
                    var label = $"{provider} run {run}/{s.Runs}";
                    var (one, all) = ParseBaseline.Measure(corpus);
                    ctx.Progress($"{label}: MimeKit parses {one:#,0}/s on one thread, {all:#,0}/s on all cores");
                    var drop = await DropAsync(ctx, s, provider, corpus, warm, inFlight, label);
                    var import = await ImportAsync(ctx, s, provider, mboxFile, inFlight, corpus.Count, label);
                    drops.Add(drop.Feed.Rate);
                    imports.Add(import.Rate);
                    table.Add(run.ToString(), Format.Rate(one), Format.Rate(all), Format.Rate(drop.Feed.Rate), Format.Ms(drop.Feed.P50Ms), Format.Ms(drop.Feed.P95Ms),
                        Format.Ms(drop.CpuMs), Format.Ratio(drop.Feed.Rate / all), Format.Rate(import.Rate), import.FixedSeconds.ToString("0.0"),
                        $"{drop.Stored.Envelopes:#,0} mail, {drop.Stored.Tickets:#,0} tickets, {drop.Stored.Messages:#,0} msgs, {drop.Stored.Quarantined} held",
                        drop.Feed.Errors == 0 && import.Ok ? "0" : $"{drop.Feed.Errors} drop; import {(import.Ok ? "ok" : "FAILED")}");
                    if (drop.Feed.ErrorSample is not null) ctx.Progress($"{label}: first error: {drop.Feed.ErrorSample}");
                }
                report.Checks.Add(new Check($"{provider} drop endpoint", "≥ 300 msgs/s", Format.Rate(Format.Median(drops)) + "/s", Format.Median(drops) >= 300));
                report.Checks.Add(new Check($"{provider} sori import-mail", "≥ 300 msgs/s", Format.Rate(Format.Median(imports)) + "/s", Format.Median(imports) >= 300));
            }
        }
        finally { File.Delete(mboxFile); }
        report.Notes.Add("Drop: POST /api/v1/mailboxes/{id}/inbound with the raw message, a new request as soon as one answers; an answer waits for the message it answers. " +
                         "Import: `dotnet sori.dll import-mail` of the same messages as one mbox into a fresh database, rate after subtracting the fixed cost of the command (an import of an empty folder: start-up, host, migrations check).");
        report.Notes.Add("Stored is read from the database afterwards: envelopes (one per distinct message), tickets opened, messages on them (answers join their tickets), quarantined (spam, no sender).");
        return report;
    }

    private sealed record DropRun(FeedResult Feed, double CpuMs, SoriDatabase.MailCounts Stored);

    private static async Task<DropRun> DropAsync(ScenarioContext ctx, TicketCreateSettings s, DatabaseProvider provider,
        List<CorpusMessage> corpus, int warm, int inFlight, string label)
    {
        var ct = ctx.Cancel;
        await using var db = await SoriDatabase.CreateAsync(provider, s.Postgres, ct);
        var token = await db.IssueTokenAsync(ct);
        var mailbox = await db.CreateMailboxAsync(Address, null, ct);
        // Warm-up mail goes to a mailbox of its own, so what is counted afterwards is the measured mail only.
        var warmBox = await db.CreateMailboxAsync("warm-up@shop.example.kr", null, ct);
        var (sori, root, startUp) = await SoriServer.StartAsync(s.SoriDll, db, s.SoriInDataDirectory, s.SoriEnv, ct);
        try
        {
            var endpoint = new Uri(root, $"api/v1/mailboxes/{mailbox}/inbound");
            // Unrecorded mail until tiered compilation has settled, as for ticket-create: measured before that,
            // Sori still runs instrumented tier-0 code and its JIT thread shares the cores.
            var warmEndpoint = new Uri(root, $"api/v1/mailboxes/{warmBox}/inbound");
            var (slices, jit, settled) = await Priming.UntilSettledAsync(sori.Pid,
                i => OrderedFeed.RunAsync(warmEndpoint, token, MailCorpus.WarmUp(ctx.RepoRoot, warm, seed: 7 + i, Address), inFlight, ct), s.Prime);
            ctx.Progress($"{label}: Sori healthy after {startUp.TotalMilliseconds:0} ms; warm-up {slices.Sum(f => f.Sent):#,0} msgs in {slices.Sum(f => f.Seconds):0} s " +
                         $"(last {slices[^1].Rate:#,0} msgs/s), JIT thread busy {string.Join(" → ", jit.Select(j => j.ToString("0.00")))} s per slice" +
                         (settled ? "" : " (still busy: stopped at --prime)"));
            var cpu0 = ProcessCpu.Seconds(sori.Pid) ?? double.NaN;
            var feed = await OrderedFeed.RunAsync(endpoint, token, corpus, inFlight, ct);
            var cpuMs = ((ProcessCpu.Seconds(sori.Pid) ?? double.NaN) - cpu0) * 1000 / corpus.Count;
            var stored = await db.CountMailAsync(mailbox, ct);
            ctx.Progress($"{label}: drop {feed.Rate:#,0} msgs/s, p95 {feed.P95Ms:0} ms, {cpuMs:0.00} CPU ms/msg; answers {string.Join(", ", feed.Answers.Select(a => $"{a.Value} × {a.Key}"))}");
            return new DropRun(feed, cpuMs, stored);
        }
        finally { sori.Dispose(); }
    }

    private sealed record ImportRun(double Rate, double FixedSeconds, bool Ok);

    private static async Task<ImportRun> ImportAsync(ScenarioContext ctx, TicketCreateSettings s, DatabaseProvider provider, string mbox, int parallel, int count, string label)
    {
        var ct = ctx.Cancel;
        await using var db = await SoriDatabase.CreateAsync(provider, s.Postgres, ct);
        await db.IssueTokenAsync(ct);
        await db.CreateMailboxAsync(Address, null, ct);
        var empty = Directory.CreateDirectory(Path.Combine(db.DataDirectory, "empty")).FullName;
        var (fixedSeconds, okEmpty) = await RunCommandAsync(s, db, ["import-mail", Address, empty], ct);
        var (seconds, ok) = await RunCommandAsync(s, db, ["import-mail", Address, mbox, "--parallel", parallel.ToString()], ct);
        var rate = count / Math.Max(0.001, seconds - fixedSeconds);
        ctx.Progress($"{label}: import-mail {seconds:0.0} s, of which {fixedSeconds:0.0} s fixed: {rate:#,0} msgs/s");
        return new ImportRun(rate, fixedSeconds, ok && okEmpty);
    }

    private static async Task<(double Seconds, bool Ok)> RunCommandAsync(TicketCreateSettings s, SoriDatabase db, string[] args, CancellationToken ct)
    {
        var env = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Sori__DataDirectory"] = db.DataDirectory,
            ["Sori__Database__Provider"] = db.Provider.ToString(),
            ["Sori__Database__ConnectionString"] = db.ConnectionString,
        };
        foreach (var (k, v) in s.SoriEnv) env[k] = v;
        var started = Stopwatch.GetTimestamp();
        using var child = ChildProcess.Start("dotnet", [s.SoriDll, .. args], env, db.DataDirectory, Path.Combine(db.DataDirectory, "import.log"));
        while (!child.HasExited) await Task.Delay(20, ct);
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, child.ExitCode == 0);
    }
}
