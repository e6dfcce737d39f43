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
        var slices = new List<LoadResult>();
        var jit = new List<double>();
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var before = ProcessCpu.ThreadSeconds(pid, JitThread);
            slices.Add(await ClosedLoopLoad.RunAsync(target, bodies, concurrency, TimeSpan.Zero, Slice, ct));
            jit.Add(ProcessCpu.ThreadSeconds(pid, JitThread) - before);
            var elapsed = Stopwatch.GetElapsedTime(started);
            // Quiet means under 1 % of one core: a straggler method or two, not a hot path still in tier 0.
            var quiet = jit[^1] < Slice.TotalSeconds * 0.01;
            if (elapsed >= Minimum && quiet) return new Outcome(slices, jit, true);
            if (elapsed >= max) return new Outcome(slices, jit, false);
        }
    }
}
