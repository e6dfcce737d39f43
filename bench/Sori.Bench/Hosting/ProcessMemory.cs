namespace Sori.Bench.Hosting;

/// <summary>Resident memory as the kernel counts it; what an operator sees in top, not the GC's own view.</summary>
public static class ProcessMemory
{
    public static double? RssMb(int pid) => ReadKb(pid, "VmRSS:") / 1024.0;

    /// <summary>Peak resident memory since the process started.</summary>
    public static double? PeakRssMb(int pid) => ReadKb(pid, "VmHWM:") / 1024.0;

    private static long? ReadKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0]);
        }
        catch (IOException) { return null; }
    }
}
