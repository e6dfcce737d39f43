using Sori.Bench.Hosting;
using Sori.Bench.Load;
using Sori.Infrastructure.Database;

namespace Sori.Bench.Scenarios.TicketCreate;

/// <summary>Everything one run against one Sori process measured.</summary>
public sealed class RunResult(int run)
{
    public int Run { get; } = run;
    public double StartUpMs { get; set; } = double.NaN;
    public double FirstTicketMs { get; set; } = double.NaN;
    public Priming.Outcome? SoriPriming { get; set; }

    /// <summary>Every Sori load window of the run, priming included, for counting failures.</summary>
    public IEnumerable<(string Phase, LoadResult Result)> SoriWindows =>
        (SoriPriming?.Slices ?? []).Select(r => ("priming", r)).Concat(Sori.Values.Select(r => ($"c={r.Concurrency}", r)));

    /// <summary>Failures per phase, e.g. "priming: 3, c=8: 1".</summary>
    public string ErrorsByPhase => string.Join(", ", SoriWindows.GroupBy(w => w.Phase)
        .Select(g => (g.Key, Count: g.Sum(w => w.Result.Errors))).Where(g => g.Count > 0).Select(g => $"{g.Key}: {g.Count}"));

    public long SoriErrors => SoriWindows.Sum(w => w.Result.Errors);
    public double IdleRssMb { get; set; } = double.NaN;
    public double PeakRssMb { get; set; } = double.NaN;
    public double CpuSeconds { get; set; } = double.NaN;

    /// <summary>CPU of ASP.NET's config file watcher: high when Sori's database lives under its content root.</summary>
    public double FileWatchSeconds { get; set; } = double.NaN;
    public Dictionary<int, LoadResult> Sori { get; } = [];
    public Dictionary<int, LoadResult> Baseline { get; } = [];

    /// <summary>Why Sori's API could not be loaded (e.g. the endpoint is missing); null when it was.</summary>
    public string? SoriProblem { get; set; }

    /// <summary>Set when Sori's process ended before the runner stopped it (a crash, or killed from outside).</summary>
    public string? SoriExited { get; set; }
    public long Created { get; set; }
    public SoriDatabase.Counts? Stored { get; set; }
    public int LoggedErrors { get; set; }
    public string? LogCopy { get; set; }
}

public sealed record ProviderResult(DatabaseProvider Provider, IReadOnlyList<RunResult> Runs)
{
    public string Name => Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
}
