using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sori.Testing;

namespace Sori.Web.Tests.Support;

/// <summary>
/// The built sori.dll run as its own process on a test database, as an operator runs it: the server,
/// or one of its commands. <see cref="Kill"/> is SIGKILL (kill -9): no shutdown code runs.
/// </summary>
public sealed class SoriProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Uri? BaseAddress { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    private SoriProcess(Process process, Uri? baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    /// <summary>The server on a free loopback port, with <paramref name="settings"/> as environment (Sori__Imap__CheckInterval ...).</summary>
    public static SoriProcess StartServer(TestDatabase db, IReadOnlyDictionary<string, string> settings)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        return Start(db, ["--urls", url.ToString().TrimEnd('/')], settings, url);
    }

    /// <summary>A command such as <c>import-mail MAILBOX PATH</c>.</summary>
    public static SoriProcess StartCommand(TestDatabase db, IEnumerable<string> args) => Start(db, args, new Dictionary<string, string>(), null);

    private static SoriProcess Start(TestDatabase db, IEnumerable<string> args, IReadOnlyDictionary<string, string> settings, Uri? url)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = db.DataDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(SoriDll());
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Sori__DataDirectory"] = db.DataDirectory;
        info.Environment["Sori__Database__Provider"] = db.Provider.ToString();
        info.Environment["Sori__Database__ConnectionString"] = db.ConnectionString;
        foreach (var (k, v) in settings) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start sori.dll");
        var sori = new SoriProcess(process, url);
        process.OutputDataReceived += (_, e) => sori.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sori.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sori;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>kill -9, and wait until the process is gone.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"sori did not finish within {timeout}:\n{Output}"); }
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>sori.dll from the same configuration as these tests (src/Sori.Web/bin/&lt;Configuration&gt;/&lt;tfm&gt;).</summary>
    private static string SoriDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var dll = Path.Combine(TestData.RepoRoot, "src", "Sori.Web", "bin", here.Parent!.Name, here.Name, "sori.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Sori.Web first", dll);
    }
}
