using System.Diagnostics;

namespace Sori.Bench.Load;

/// <summary>
/// One measured window against one target at one concurrency. Latencies and throughput count the
/// successes that finished inside the window; <see cref="Errors"/> counts every failure, warm-up included.
/// </summary>
public sealed record LoadResult(
    int Concurrency, double Seconds, long Ok, long Errors, long OkIncludingWarmup,
    IReadOnlyDictionary<string, long> ErrorKinds, IReadOnlyList<string> ErrorSamples,
    double Throughput, double P50Ms, double P95Ms, double P99Ms, double MaxMs, CpuUse Cpu)
{
    /// <summary>Server CPU per successful request; NaN when the server's CPU was not sampled.</summary>
    public double CpuMsPerRequest => PerRequestMs(Cpu.Server);

    /// <summary>Database server CPU per successful request; NaN when the database runs inside the server.</summary>
    public double DatabaseCpuMsPerRequest => PerRequestMs(Cpu.Database);

    /// <summary>Average cores busy during the window.</summary>
    public double Cores(double cpuSeconds) => cpuSeconds / Seconds;

    private double PerRequestMs(double cpuSeconds) => Ok == 0 ? double.NaN : cpuSeconds * 1000 / Ok;

    public static LoadResult From(
        int concurrency, double seconds, List<long> okTicks, long okIncludingWarmup,
        Dictionary<string, long> errorKinds, List<string> samples, CpuUse cpu)
    {
        okTicks.Sort();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        // Nearest rank: the reported p99 is a latency some request actually had.
        double Pct(double p) => okTicks.Count == 0 ? double.NaN : Ms(okTicks[Math.Max(0, (int)Math.Ceiling(p * okTicks.Count) - 1)]);
        return new LoadResult(
            concurrency, seconds, okTicks.Count, errorKinds.Values.Sum(), okIncludingWarmup, errorKinds, samples,
            okTicks.Count / seconds, Pct(0.50), Pct(0.95), Pct(0.99), okTicks.Count == 0 ? double.NaN : Ms(okTicks[^1]), cpu);
    }

    public string ErrorSummary => Errors == 0 ? "0" : $"{Errors} ({string.Join(", ", ErrorKinds.Select(k => $"{k.Key}×{k.Value}"))})";
}
