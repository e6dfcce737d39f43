using System.Diagnostics;

namespace Sori.Bench.Hosting;

/// <summary>
/// Sori's web host as it is deployed (docs/operations.md): <c>dotnet sori.dll</c> from a Release
/// publish with ReadyToRun code, so start-up is not mostly JIT.
/// </summary>
public static class SoriServer
{
    public const string Project = "src/Sori.Web/Sori.Web.csproj";
    public const string PublishDir = "bench/out/sori";
    public const string Dll = PublishDir + "/sori.dll";

    /// <summary>Publishes the Release host so the figures are never taken from a stale or Debug build.</summary>
    public static async Task BuildAsync(string repoRoot, Action<string> progress, CancellationToken ct)
    {
        string[] args = ["publish", Project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", PublishDir, "-nologo", "-v", "q", "-clp:ErrorsOnly"];
        progress("dotnet " + string.Join(' ', args));
        var psi = new ProcessStartInfo("dotnet", args)
        {
            WorkingDirectory = repoRoot, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new InvalidOperationException($"building Sori failed:\n{await stdout}\n{await stderr}");
    }

    public static async Task<(ChildProcess Process, Uri Root, TimeSpan StartUp)> StartAsync(
        string dll, SoriDatabase db, bool runInDataDirectory, IReadOnlyDictionary<string, string> extraEnv, CancellationToken ct)
    {
        var port = FreePort.Next();
        var root = new Uri($"http://127.0.0.1:{port}/");
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Sori__DataDirectory"] = db.DataDirectory,
            ["Sori__Database__Provider"] = db.Provider.ToString(),
            ["Sori__Database__ConnectionString"] = db.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (k, v) in extraEnv) env[k] = v;
        // The clock starts before the exec so start-up includes runtime load and JIT, as an operator sees it.
        var started = Stopwatch.GetTimestamp();
        // The working directory is ASP.NET's content root, which it watches (recursively) for config changes.
        var cwd = runInDataDirectory ? db.DataDirectory : Path.GetDirectoryName(dll)!;
        var child = ChildProcess.Start("dotnet", [dll], env, cwd, Path.Combine(db.DataDirectory, "sori.log"));
        try
        {
            var startUp = await child.WaitHealthyAsync(new Uri(root, "healthz"), started, TimeSpan.FromSeconds(60), ct);
            return (child, root, startUp);
        }
        catch { child.Dispose(); throw; }
    }
}
