using Sori.Bench.Load;
using Sori.Bench.Reporting;
using Sori.Infrastructure.Database;
using static Sori.Bench.Reporting.Format;

namespace Sori.Bench.Scenarios.TicketCreate;

/// <summary>Medians over runs, one table per provider, and the targets Sori is held to.</summary>
public static class TicketCreateReport
{
    private const double SqliteRate = 1500, SqliteP99 = 50, StartUpMs = 2000, IdleRssMb = 200;
    private const int TargetConcurrency = 32;

    public static Report Build(TicketCreateSettings s, IReadOnlyList<ProviderResult> results)
    {
        var report = new Report("ticket-create");
        foreach (var p in results) AddProvider(report, s, p);
        foreach (var p in results) AddChecks(report, p);
        report.Notes.Add($"Each figure is the median over {s.Runs} run(s); a run is a fresh database and a fresh Sori process. " +
                         $"Each server process (Sori and baseline) is first primed at the top concurrency, unrecorded, until its background JIT thread " +
                         $"is idle (at most {s.Prime.TotalSeconds:0} s); " +
                         $"then per concurrency level: {s.Warmup.TotalSeconds:0.#} s warm-up, {s.Duration.TotalSeconds:0.#} s measured, " +
                         "baseline first, then Sori. Latencies are of successful (201) requests, in ms; errors are all non-201 answers, warm-up included. " +
                         "The baseline is a bare Kestrel minimal-API endpoint in a child process (Sori.Bench baseline-server).");
        if (s.SoriEnv.Count > 0) report.Notes.Add($"Sori ran with extra environment: {string.Join(", ", s.SoriEnv.Select(kv => $"{kv.Key}={kv.Value}"))}.");
        return report;
    }

    private static void AddProvider(Report report, TicketCreateSettings s, ProviderResult p)
    {
        var section = report.Section($"{p.Name}: tickets created per second and latency (ms)");
        var table = new Table("concurrency", "Sori/s", "baseline/s", "Sori ÷ baseline", "Sori p50", "Sori p95", "Sori p99",
                              "base p50", "base p99", "Sori errors, all runs");
        foreach (var c in s.Concurrency)
        {
            var sori = p.Runs.Where(r => r.Sori.ContainsKey(c)).Select(r => r.Sori[c]).ToList();
            var baseline = p.Runs.Select(r => r.Baseline[c]).ToList();
            // Ratio per run, then the median: each run's pair shared the same minute of machine noise.
            var ratio = Median(p.Runs.Where(r => r.Sori.ContainsKey(c)).Select(r => r.Sori[c].Throughput / r.Baseline[c].Throughput));
            table.Add($"{c}", Rate(Med(sori, x => x.Throughput)), Rate(Med(baseline, x => x.Throughput)), Ratio(ratio),
                Ms(Med(sori, x => x.P50Ms)), Ms(Med(sori, x => x.P95Ms)), Ms(Med(sori, x => x.P99Ms)),
                Ms(Med(baseline, x => x.P50Ms)), Ms(Med(baseline, x => x.P99Ms)),
                sori.Count == 0 ? "—" : $"{sori.Sum(x => x.Errors)}");
        }
        section.Table = table;
        AddCpu(report, s, p);

        var l = section.Lines;
        l.Add($"start-up to healthy: {Rate(Median(p.Runs.Select(r => r.StartUpMs)))} ms (runs: {List(p.Runs.Select(r => r.StartUpMs), v => v.ToString("0"))}); " +
              $"then the first ticket (cold): {Rate(Median(p.Runs.Select(r => r.FirstTicketMs)))} ms (runs: {List(p.Runs.Select(r => r.FirstTicketMs), v => v.ToString("0"))})");
        l.Add($"idle RSS after start-up, {TicketCreateScenario.SmokeRequests} ticket requests and {s.Idle.TotalSeconds:0} s idle: {Mb(Median(p.Runs.Select(r => r.IdleRssMb)))} " +
              $"(runs: {List(p.Runs.Select(r => r.IdleRssMb), v => v.ToString("0"))}); peak RSS under load: {Mb(Median(p.Runs.Select(r => r.PeakRssMb)))}");
        var primed = p.Runs.Where(r => r.SoriPriming is not null).ToList();
        if (primed.Count > 0)
            l.Add($"priming before the levels: {List(primed.Select(r => r.SoriPriming!.Slices.Sum(x => x.Seconds)), v => v.ToString("0"))} s (runs)" +
                  (primed.All(r => r.SoriPriming!.Settled) ? ", until Sori's JIT thread was idle"
                      : $"; in {primed.Count(r => !r.SoriPriming!.Settled)} run(s) Sori's JIT thread was still busy when --prime ran out, so the first level includes JIT work"));
        // Only worth a line when it shows: ASP.NET watches the content root recursively, so a database under it costs CPU per write.
        var watched = p.Runs.Where(r => r.CpuSeconds > 0).ToList();
        if (watched.Any(r => r.FileWatchSeconds > 0.01 * r.CpuSeconds))
            l.Add($"ASP.NET's config file watcher used {List(watched.Select(r => 100 * r.FileWatchSeconds / r.CpuSeconds), v => v.ToString("0.0"))} % of Sori's CPU (runs), " +
                  (s.SoriInDataDirectory ? "with the database under Sori's content root (working directory), as in the default ./data layout" : "with the database outside Sori's content root"));
        foreach (var r in p.Runs)
        {
            if (r.SoriExited is not null) l.Add($"run {r.Run}: {r.SoriExited}; its figures after that are connection errors");
            if (r.SoriProblem is not null) { l.Add($"run {r.Run}: Sori not measured: {r.SoriProblem}"); continue; }
            if (r.SoriErrors > 0)
            {
                var kinds = r.SoriWindows.SelectMany(w => w.Result.ErrorKinds).GroupBy(k => k.Key).Select(g => $"{g.Key}×{g.Sum(k => k.Value)}");
                l.Add($"run {r.Run}: non-201 answers ({string.Join(", ", kinds)}) in {r.ErrorsByPhase}; e.g. {r.SoriWindows.SelectMany(w => w.Result.ErrorSamples).FirstOrDefault()}");
            }
            if (r.Stored is { } st && (st.Tickets != r.Created || st.DuplicateEmails > 0))
                l.Add($"run {r.Run}: stored {st.Tickets} tickets for {r.Created} answers of 201; {st.DuplicateEmails} email(s) on more than one customer");
            if (r.LoggedErrors > 0) l.Add($"run {r.Run}: Sori logged {r.LoggedErrors} error(s); see {r.LogCopy}");
        }
        var stored = p.Runs.Where(r => r.Stored is not null).ToList();
        if (stored.Count > 0)
            l.Add($"stored per run (tickets / customers): {string.Join(", ", stored.Select(r => $"{r.Stored!.Tickets:#,0} / {r.Stored.Customers:#,0}"))}");
    }

    /// <summary>
    /// CPU per request: steadier than throughput when something else shares the machine. "Other"
    /// is that something else; a window where it is large measured a busy machine, not Sori.
    /// </summary>
    private static void AddCpu(Report report, TicketCreateSettings s, ProviderResult p)
    {
        var table = new Table("concurrency", "Sori CPU ms/ticket", "database CPU ms/ticket", "baseline CPU ms/req", "Sori+db ÷ baseline",
                              "Sori cores", "other cores, Sori window", "other cores, baseline window");
        foreach (var c in s.Concurrency)
        {
            var runs = p.Runs.Where(r => r.Sori.ContainsKey(c)).ToList();
            var sori = runs.Select(r => r.Sori[c]).ToList();
            var baseline = p.Runs.Select(r => r.Baseline[c]).ToList();
            var ratio = Median(runs.Select(r => (r.Sori[c].CpuMsPerRequest + Zero(r.Sori[c].DatabaseCpuMsPerRequest)) / r.Baseline[c].CpuMsPerRequest));
            table.Add($"{c}", Ms(Med(sori, x => x.CpuMsPerRequest)), Ms(Med(sori, x => x.DatabaseCpuMsPerRequest)),
                Ms(Med(baseline, x => x.CpuMsPerRequest)), Ratio(ratio, "0"),
                Cores(Med(sori, x => x.Cores(x.Cpu.Server))), Cores(Med(sori, x => x.Cores(x.Cpu.Other))),
                Cores(Med(baseline, x => x.Cores(x.Cpu.Other))));
        }
        var section = report.Section($"{p.Name}: CPU time per request");
        section.Table = table;
        section.Lines.Add($"cores: average over the measured window, of {Environment.ProcessorCount}. Database: " +
                          (p.Provider == DatabaseProvider.Sqlite ? "SQLite runs inside Sori, so its CPU is in Sori's column. " : "the local PostgreSQL cluster's processes. ") +
                          "Other: the machine's busy time not spent by Sori, its database or the load generator.");
    }

    private static double Zero(double v) => double.IsNaN(v) ? 0 : v;

    private static void AddChecks(Report report, ProviderResult p)
    {
        var (rate, p99) = p.Provider == DatabaseProvider.Sqlite ? (SqliteRate, SqliteP99) : (SqliteRate / 2, SqliteP99 * 2);
        var at = p.Runs.Where(r => r.Sori.ContainsKey(TargetConcurrency)).Select(r => r.Sori[TargetConcurrency]).ToList();
        var mRate = Med(at, x => x.Throughput);
        var mP99 = Med(at, x => x.P99Ms);
        var c = report.Checks;
        c.Add(new($"{p.Name} c={TargetConcurrency} throughput", $"≥ {Rate(rate)} tickets/s", Rate(mRate), Verdict(mRate >= rate, mRate)));
        c.Add(new($"{p.Name} c={TargetConcurrency} p99", $"≤ {p99:0} ms", Ms(mP99), Verdict(mP99 <= p99, mP99)));
        var errors = p.Runs.Sum(r => r.SoriErrors);
        c.Add(new($"{p.Name} non-201 answers", "0", at.Count == 0 ? "—" : $"{errors}", at.Count == 0 ? null : errors == 0));
        var start = Median(p.Runs.Select(r => r.StartUpMs));
        c.Add(new($"{p.Name} start-up to healthy", $"≤ {StartUpMs / 1000:0} s", $"{Rate(start)} ms", Verdict(start <= StartUpMs, start)));
        var rss = Median(p.Runs.Select(r => r.IdleRssMb));
        c.Add(new($"{p.Name} idle RSS", $"≤ {IdleRssMb:0} MB", Mb(rss), Verdict(rss <= IdleRssMb, rss)));
    }

    private static double Med(IEnumerable<LoadResult> results, Func<LoadResult, double> f) => Median(results.Select(f));

    private static bool? Verdict(bool ok, double measured) => double.IsNaN(measured) ? null : ok;
}
