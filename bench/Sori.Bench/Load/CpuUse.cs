using Sori.Bench.Hosting;

namespace Sori.Bench.Load;

/// <summary>
/// CPU seconds spent during one window, split by who spent them. "Other" is everything else on
/// the machine (another engineer's build, say): the number that says how far to trust the window.
/// </summary>
public sealed record CpuUse(double Server, double Database, double Generator, double Machine)
{
    /// <summary>Machine time not spent by the server, its database or this load generator.</summary>
    public double Other => Machine - Server - (double.IsNaN(Database) ? 0 : Database) - Generator;

    /// <summary>Cumulative counters now; <paramref name="database"/> is null when the database runs in the server (SQLite).</summary>
    public static CpuUse Sample(int? serverPid, Func<double?>? database) => new(
        serverPid is { } p ? ProcessCpu.Seconds(p) ?? double.NaN : double.NaN,
        database?.Invoke() ?? double.NaN,
        ProcessCpu.Seconds(Environment.ProcessId) ?? double.NaN,
        ProcessCpu.MachineBusySeconds() ?? double.NaN);

    public CpuUse Since(CpuUse before) =>
        new(Server - before.Server, Database - before.Database, Generator - before.Generator, Machine - before.Machine);
}
