using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Sori.Infrastructure.Webhooks;

/// <summary>
/// Webhook URLs are typed in by admins and tokens with the admin scope, so they must not become a way
/// to reach Sori's own network (the database, metadata endpoints, internal admin pages). Checked
/// when connecting, after DNS, so a name that resolves to an internal address (or is switched to one
/// later) is refused too. Turn off with Sori:Webhooks:AllowPrivateNetworks for receivers on a LAN.
/// </summary>
public static class PublicNetworkGuard
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast) || address.Equals(IPAddress.IPv6None)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224      // "this" network, private, loopback, multicast and reserved
                     || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)               // carrier-grade NAT
                     || (b[0] == 169 && b[1] == 254)                             // link-local, cloud metadata
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)            // IETF protocol assignments, documentation
                     || (b[0] == 198 && b[1] is 18 or 19));                     // benchmarking
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                     || (b[0] & 0xFE) == 0xFC);                                   // unique local fc00::/7
        }
        return false;
    }

    /// <summary>The handler webhook deliveries use: no redirects (a receiver must answer itself), guarded connects.</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, ct) => ConnectAsync(context, allowPrivate, ct),
    };

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects only to public addresses unless allowed.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = allowPrivate ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"{host} is a private or local network address, which webhooks may not reach " +
                                           "(set Sori:Webhooks:AllowPrivateNetworks=true for receivers inside your network).");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
