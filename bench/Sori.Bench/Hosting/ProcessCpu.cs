namespace Sori.Bench.Hosting;

/// <summary>
/// CPU time a process has used (user + system). CPU per request barely moves when another job
/// shares the machine, unlike throughput, so it is the steadier figure for spotting regressions.
/// </summary>
public static class ProcessCpu
{
    // USER_HZ is 100 on every Linux the project targets; /proc reports times in these ticks.
    private const double TicksPerSecond = 100;

    public static double? Seconds(int pid) => Stat(pid) is { } f ? Cpu(f) : null;

    /// <summary>
    /// CPU seconds of a process's threads whose name starts with <paramref name="prefix"/>. .NET names
    /// its own threads, e.g. ".NET Tiered Com" (background JIT) and ".NET File Watch".
    /// </summary>
    public static double ThreadSeconds(int pid, string prefix)
    {
        double total = 0;
        try
        {
            foreach (var dir in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var task = $"{pid}/task/{Path.GetFileName(dir)}";
                if (Name(task)?.StartsWith(prefix, StringComparison.Ordinal) == true && Stat(task) is { } f) total += Cpu(f);
            }
        }
        catch (IOException) { }
        return total;
    }

    public static string? Name(int pid) => Name(pid.ToString());

    private static string? Name(string path)
    {
        try { return File.ReadAllText($"/proc/{path}/comm").Trim(); } catch (IOException) { return null; }
    }

    public static int? ParentPid(int pid) => Stat(pid) is { } f ? int.Parse(f[1]) : null;

    /// <summary>CPU seconds of every live child of <paramref name="parentPid"/>, e.g. a PostgreSQL postmaster's backends.</summary>
    public static double ChildrenSeconds(int parentPid)
    {
        double total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } f && f[1] == parentPid.ToString())
                total += Cpu(f);
        return total;
    }

    private static double Cpu(string[] stat) => (long.Parse(stat[11]) + long.Parse(stat[12])) / TicksPerSecond;

    /// <summary>Fields of /proc/PID/stat after the command name (state is [0], ppid [1], utime [11], stime [12]).</summary>
    private static string[]? Stat(int pid) => Stat(pid.ToString());

    private static string[]? Stat(string path)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{path}/stat");
            // The command name may contain spaces and parentheses; the fields after the last ')' are fixed.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
    }

    /// <summary>
    /// CPU seconds the whole machine spent busy (all cores, all processes). Compared with the server's own
    /// share it tells a saturated CPU from a server that waits on a lock with cores to spare.
    /// </summary>
    public static double? MachineBusySeconds()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            // user nice system idle iowait irq softirq steal ...; idle and iowait are the not-busy ones.
            var busy = cpu.Take(8).Sum() - cpu[3] - cpu[4];
            return busy / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException) { return null; }
    }
}
