using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace Sori.Browser.Tests.Support;

/// <summary>
/// A real Sori: the built sori.dll started as its own process on SQLite in a temporary folder,
/// listening on a free loopback port, in the Development environment so the Blazor assets are
/// served from the build output.
/// </summary>
public sealed class SoriProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@browser.sori.dev";
    public const string Password = "correct-horse-battery";

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly StringBuilder _output = new();

    public Uri BaseAddress { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    private SoriProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    /// <param name="withAdmin">false starts an empty desk without an admin from configuration (first-run setup).</param>
    public static async Task<SoriProcess> StartAsync(bool withAdmin = true)
    {
        var dll = SoriDll();
        var data = Directory.CreateTempSubdirectory("sori-browser-").FullName;
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = data,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url.ToString().TrimEnd('/'));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["Sori__DataDirectory"] = Path.Combine(data, "data");
        info.Environment["Sori__Database__Provider"] = "Sqlite";
        if (withAdmin)
        {
            info.Environment["Sori__Admin__Email"] = AdminEmail;
            info.Environment["Sori__Admin__Password"] = Password;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + dll);
        var sori = new SoriProcess(process, data, url);
        process.OutputDataReceived += (_, e) => sori.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sori.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await sori.WaitUntilHealthyAsync();
        return sori;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("Sori exited during start-up:\n" + Output);
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("Sori did not become healthy within 180 s:\n" + Output);
    }

    /// <summary>An API client signed in with the agent's cookie, as the workspace's scripts would be.</summary>
    public async Task<HttpClient> ApiAsync(string email)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>sori.dll from the same configuration as these tests (bin/Release or bin/Debug).</summary>
    private static string SoriDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name; // bin/<Configuration>/<tfm>/
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Sori.slnx"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Sori.slnx not found above " + AppContext.BaseDirectory);
        var dll = Path.Combine(root.FullName, "src", "Sori.Web", "bin", configuration, here.Name, "sori.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Sori.Web first", dll);
    }
}
