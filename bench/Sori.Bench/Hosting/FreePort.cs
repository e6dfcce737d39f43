using System.Net;
using System.Net.Sockets;

namespace Sori.Bench.Hosting;

public static class FreePort
{
    /// <summary>A loopback port the kernel just handed out; racy in theory, fine for a single-user bench box.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
