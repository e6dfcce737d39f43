namespace Sori.Bench.Hosting;

/// <summary>
/// CPU time a process has used (user + system). CPU per request barely moves when another job
/// shares the machine, unlike throughput, so it is the steadier figure for spotting regressions.
/// </summary>
public static class ProcessCpu
{
    // USER_HZ is 100 on every Linux the project targets; /proc reports times in these ticks.
    private const double TicksPerSecond = 100;

    public static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may contain spaces and parentheses; the fields after the last ')' are fixed.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException) { return null; }
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
