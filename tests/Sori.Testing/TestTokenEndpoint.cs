using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Sori.Testing;

/// <summary>
/// A provider's OAuth2 token endpoint on 127.0.0.1, standing in for Google's or Microsoft's: it takes
/// the refresh-token grant for one client and refresh token, answers with <see cref="IssuedToken"/>
/// (and, when <see cref="RotateTo"/> is set, a new refresh token), and "invalid_grant" otherwise. Every
/// request's form fields are kept for the test to check.
/// </summary>
public sealed class TestTokenEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _requests = new();
    private readonly Task _loop;

    public string ClientId { get; init; } = "sori-desk.apps.example.com";
    public string ClientSecret { get; init; } = "client-secret-" + Guid.NewGuid().ToString("N")[..8];
    public string RefreshToken { get; set; } = "1//refresh-" + Guid.NewGuid().ToString("N")[..12];
    public required string IssuedToken { get; set; }
    public int ExpiresIn { get; set; } = 3600;
    public string? RotateTo { get; set; }
    /// <summary>Seconds to wait before answering (a slow provider).</summary>
    public TimeSpan Delay { get; set; }
    public string Url { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Requests => _requests.ToList();

    private TestTokenEndpoint(int port)
    {
        Url = $"http://127.0.0.1:{port}/token";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public static TestTokenEndpoint Start(string issuedToken)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new TestTokenEndpoint(port) { IssuedToken = issuedToken };
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var form = (await reader.ReadToEndAsync()).Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "");
        _requests.Enqueue(form);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
        var ok = context.Request.HttpMethod == "POST" && form.GetValueOrDefault("grant_type") == "refresh_token"
                 && form.GetValueOrDefault("client_id") == ClientId && form.GetValueOrDefault("client_secret") == ClientSecret
                 && form.GetValueOrDefault("refresh_token") == RefreshToken;
        object body = ok
            ? RotateTo is { } next
                ? new { access_token = IssuedToken, token_type = "Bearer", expires_in = ExpiresIn, refresh_token = next }
                : new { access_token = IssuedToken, token_type = "Bearer", expires_in = ExpiresIn }
            : new { error = "invalid_grant", error_description = "Token has been expired or revoked." };
        if (ok && RotateTo is { } rotated) RefreshToken = rotated;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        context.Response.StatusCode = ok ? 200 : 400;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (Exception) { }
    }
}
