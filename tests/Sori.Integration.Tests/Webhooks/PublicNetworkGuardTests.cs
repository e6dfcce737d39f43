using System.Net;
using System.Net.Sockets;
using System.Text;
using Sori.Infrastructure.Webhooks;

namespace Sori.Integration.Tests.Webhooks;

public sealed class PublicNetworkGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.0.10", false)]
    [InlineData("169.254.169.254", false)] // cloud metadata
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("211.249.220.24", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void IsPublic(string address, bool expected) => Assert.Equal(expected, PublicNetworkGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task Delivery_ToALoopbackReceiver_IsRefusedBeforeConnecting_UnlessAllowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connections = 0;
        using var stop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var request = "";
                while (!request.Contains("\r\n\r\n") || request.Length < request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4 + ContentLength(request))
                    request += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer, stop.Token));
                await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray(), stop.Token);
                // Close gracefully (FIN, then wait for the client's): disposing at once could reset the
                // connection before the client read the answer, which failed this test under load.
                client.Client.Shutdown(SocketShutdown.Send);
                while (await stream.ReadAsync(buffer, stop.Token) > 0) { }
            }
        });
        var delivery = new ClaimedDelivery(1, 1, Guid.NewGuid(), "ticket.created", "{}", 0, $"http://127.0.0.1:{port}/hook", "secret");

        var refused = await Sender(allowPrivate: false).SendAsync(delivery, default);
        Assert.False(refused.Succeeded);
        Assert.Contains("private or local network", refused.Error);
        Assert.Equal(0, connections);

        var allowed = await Sender(allowPrivate: true).SendAsync(delivery, default);
        Assert.True(allowed.Succeeded, allowed.Error);
        Assert.Equal(204, allowed.Status);
        Assert.Equal(1, connections);
        await stop.CancelAsync();
        listener.Stop();
        // The receiver ends cancelled while it waits for another connection, or at its loop's check.
        try { await server; }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) return int.Parse(line[15..].Trim());
        return 0;
    }

    private static WebhookSender Sender(bool allowPrivate) => new(new HttpClient(PublicNetworkGuard.CreateHandler(allowPrivate)), TimeProvider.System);
}
