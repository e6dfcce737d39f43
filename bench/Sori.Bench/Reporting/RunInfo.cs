using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sori.Bench.Reporting;

/// <summary>Where and when the figures were taken, so a pasted block stands on its own.</summary>
public sealed record RunInfo(DateTime Date, string Command, string Machine, string Commit)
{
    public static RunInfo Collect(string repoRoot, string command)
    {
        var os = OsName();
        var sdk = Capture("dotnet", "--version", repoRoot) ?? "?";
        var machine = $"{Environment.ProcessorCount} cores, {os}, .NET SDK {sdk} ({RuntimeInformation.FrameworkDescription}), " +
                      $"{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        var commit = Capture("git", "rev-parse --short HEAD", repoRoot) ?? "?";
        // The bench branch merges main now and then; the last commit that touched src/ says which Sori was measured.
        if (Capture("git", "log -1 --format=%h -- src", repoRoot) is { Length: > 0 } src && src != commit) commit += $" (src/ as of {src})";
        if (!string.IsNullOrEmpty(Capture("git", "status --porcelain -- src", repoRoot))) commit += " + uncommitted changes in src/";
        return new RunInfo(DateTime.Now, command, machine, commit);
    }

    private static string OsName()
    {
        try
        {
            var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (line is not null) return line["PRETTY_NAME=".Length..].Trim('"');
        }
        catch (IOException) { }
        return RuntimeInformation.OSDescription;
    }

    internal static string? Capture(string file, string args, string cwd)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args)
            {
                WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (p is null) return null;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }
}
