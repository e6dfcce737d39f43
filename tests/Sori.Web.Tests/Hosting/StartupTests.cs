using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sori.Web.Tests.Hosting;

/// <summary>The real program started as an operator starts it: `dotnet sori.dll` in its own process.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task InvalidSetting_ExitsWithTheSettingNamed_AndNoStackTrace()
    {
        var data = Directory.CreateTempSubdirectory("sori-startup-").FullName;
        try
        {
            var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sori.dll")])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data,
            };
            psi.Environment["Sori__DataDirectory"] = data;
            psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
            psi.Environment["Sori__Webhooks__Timeout"] = "-00:00:01";
            psi.Environment["Sori__Outbox__BatchSize"] = "0";
            psi.Environment["Sori__Realtime__Redis"] = "127.0.0.1:1,nosuchoption=1";
            psi.Environment["Sori__Realtime__PresenceTtl"] = "00:00:01";
            psi.Environment["Sori__DataProtection__Store"] = "Redis";
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }

            var err = await stderr;
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("configuration is invalid", err);
            Assert.Contains("Sori:Webhooks", err);
            Assert.Contains("Sori:Outbox", err);
            Assert.Contains("Sori:Realtime: Redis is not a valid Redis configuration", err);
            Assert.Contains("Sori:Realtime: PresenceTtl", err);
            Assert.Contains("Sori:DataProtection: Store must be Directory or Database", err);
            Assert.DoesNotContain("   at ", err + await stdout);
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
