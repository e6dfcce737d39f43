using System.Diagnostics;
using Sori.Bench.Hosting;

namespace Sori.Bench.Load;

/// <summary>
/// Unrecorded load until the server's JIT has settled. Tiered compilation recompiles hot paths on
/// one background thread (".NET Tiered Com") for 10–20 s of load on a 2-core box; a level measured
/// before that showed 2–3× Sori's steady CPU per ticket. A fixed warm-up either wastes time or is too
/// short on a busy machine, so watch the thread itself.
/// </summary>
public static class Priming
{
    private const string JitThread = ".NET Tiered Com";
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Minimum = TimeSpan.FromSeconds(4);

    /// <summary>The slices run, the JIT thread's CPU seconds in each, and whether it went quiet before <paramref name="max"/>.</summary>
    public sealed record Outcome(IReadOnlyList<LoadResult> Slices, IReadOnlyList<double> JitSeconds, bool Settled)
    {
        public string Describe() =>
            $"{Slices.Sum(s => s.Seconds):0} s, JIT thread busy " + string.Join(" → ", JitSeconds.Select(j => j.ToString("0.00"))) +
            $" s per {Slice.TotalSeconds:0} s{(Settled ? "" : " (still busy: stopped at --prime)")}";
    }

    public static async Task<Outcome> RunAsync(LoadTarget target, RequestBodies bodies, int concurrency, TimeSpan max, CancellationToken ct)
    {
        var pid = target.ServerPid ?? throw new ArgumentException("priming watches the server's threads: ServerPid is required");
        var (slices, jit, settled) = await UntilSettledAsync(pid, _ => ClosedLoopLoad.RunAsync(target, bodies, concurrency, TimeSpan.Zero, Slice, ct), max);
        return new Outcome(slices, jit, settled);
    }

    /// <summary>
    /// Runs <paramref name="slice"/> (its argument counts from 0) until the JIT thread of process
    /// <paramref name="pid"/> spent under 1 % of a slice's time compiling, after at least 4 s, or until
    /// <paramref name="max"/>. Returns each slice's result, the JIT thread's CPU seconds in each, and
    /// whether it went quiet.
    /// </summary>
    public static async Task<(List<T> Slices, List<double> JitSeconds, bool Settled)> UntilSettledAsync<T>(int pid, Func<int, Task<T>> slice, TimeSpan max)
    {
        var slices = new List<T>();
        var jit = new List<double>();
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var before = ProcessCpu.ThreadSeconds(pid, JitThread);
            var sliceStarted = Stopwatch.GetTimestamp();
            slices.Add(await slice(slices.Count));
            jit.Add(ProcessCpu.ThreadSeconds(pid, JitThread) - before);
            var elapsed = Stopwatch.GetElapsedTime(started);
            // Quiet means under 1 % of one core: a straggler method or two, not a hot path still in tier 0.
            var quiet = jit[^1] < Stopwatch.GetElapsedTime(sliceStarted).TotalSeconds * 0.01;
            if (elapsed >= Minimum && quiet) return (slices, jit, true);
            if (elapsed >= max) return (slices, jit, false);
        }
    }
}
