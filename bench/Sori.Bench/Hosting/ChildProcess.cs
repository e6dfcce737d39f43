using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sori.Bench.Hosting;

/// <summary>
/// A server the runner started: output goes to a log file (a full pipe would stall the server),
/// and it is killed by PID when disposed or when the runner exits, so no run leaves one behind.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private readonly Process _process;
    private readonly StreamWriter _log;

    // Program handles signals; this covers leaving Main with an unexpected exception.
    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    public int Pid => _process.Id;
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>Null while running; for a process ended by a signal, 128 + the signal (137 = SIGKILL, 143 = SIGTERM).</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    private ChildProcess(Process process, StreamWriter log, string logPath) => (_process, _log, LogPath) = (process, log, logPath);

    public static ChildProcess Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> env, string workDir, string logPath)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workDir, UseShellExecute = false,
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Live[process.Id] = process;
        return new ChildProcess(process, log, logPath);
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200; returns the time since <paramref name="startedAt"/>.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(Uri url, long startedAt, TimeSpan timeout, CancellationToken ct)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"exited with code {_process.ExitCode} before it was healthy; log: {LogPath}\n{Tail()}");
            try
            {
                using var response = await client.GetAsync(url, ct);
                if (response.IsSuccessStatusCode) return Stopwatch.GetElapsedTime(startedAt);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (Stopwatch.GetElapsedTime(startedAt) > timeout) throw new TimeoutException($"not healthy after {timeout.TotalSeconds:0} s; log: {LogPath}\n{Tail()}");
            await Task.Delay(10, ct);
        }
    }

    public string Tail(int lines = 20)
    {
        lock (_log) _log.Flush();
        try
        {
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException) { return ""; }
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } }
        catch (InvalidOperationException) { }
        Live.TryRemove(_process.Id, out _);
        lock (_log) _log.Dispose();
        _process.Dispose();
    }

    /// <summary>Runs a short helper command to its end; throws when it fails.</summary>
    public static async Task RunAsync(string file, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var error = await p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {error}");
    }

    /// <summary>Stops every server this runner started and has not stopped yet, each by its own PID.</summary>
    public static void KillAll()
    {
        foreach (var p in Live.Values)
            try { p.Kill(entireProcessTree: true); } catch (Exception e) { Console.Error.WriteLine($"could not stop pid {p.Id}: {e.Message}"); }
    }
}
