using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Sori.Web.Realtime;
using Sori.Web.Tests.Support;

namespace Sori.Web.Tests.Realtime;

/// <summary>A SignalR client of /hubs/live on the in-memory server, recording everything pushed to it.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly List<JsonElement> _changes = [];
    private readonly List<(long TicketId, List<Viewer> Viewers)> _presence = [];
    private int _resyncs;

    public HubConnection Connection { get; }

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<JsonElement>("ticketChanged", c => { lock (_changes) _changes.Add(c); });
        connection.On<long, List<Viewer>>("presence", (t, v) => { lock (_presence) _presence.Add((t, v)); });
        connection.On("resync", () => Interlocked.Increment(ref _resyncs));
    }

    public static Task<HubClient> WithToken(SoriWebApp app, string token) =>
        ConnectAsync(app, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));

    /// <summary>Signs the agent in with the cookie the workspace uses and connects with it.</summary>
    public static async Task<HubClient> AsAgent(SoriWebApp app, string email)
    {
        using var http = new HttpClient(app.CreateHandler()) { BaseAddress = app.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = SoriWebApp.Password });
        login.EnsureSuccessStatusCode();
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("sori.auth=", StringComparison.Ordinal));
        return await ConnectAsync(app, o => o.Headers["Cookie"] = cookie);
    }

    public static async Task<HubClient> ConnectAsync(SoriWebApp app, Action<HttpConnectionOptions> auth)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, LiveHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling; // the in-memory server speaks HTTP only
                o.HttpMessageHandlerFactory = _ => app.CreateHandler();
                auth(o);
            })
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    public IReadOnlyList<JsonElement> Changes { get { lock (_changes) return _changes.ToList(); } }
    public int Resyncs => Volatile.Read(ref _resyncs);

    /// <summary>The first change pushed that matches, waiting up to 15 s for it.</summary>
    public async Task<JsonElement> WaitForChange(Func<JsonElement, bool> match, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(20))
            if (Changes.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found) return found;
        throw new TimeoutException($"no push for {what}; got: {string.Join(", ", Changes)}");
    }

    public Task<JsonElement> WaitForChange(long ticketId, string type) =>
        WaitForChange(c => c.GetProperty("ticketId").GetInt64() == ticketId && c.GetProperty("type").GetString() == type, $"{type} on {ticketId}");

    /// <summary>Waits until the newest presence pushed for the ticket matches.</summary>
    public async Task<List<Viewer>> WaitForPresence(long ticketId, Func<List<Viewer>, bool> match, string what)
    {
        List<Viewer>? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            lock (_presence) last = _presence.LastOrDefault(p => p.TicketId == ticketId).Viewers;
            if (last is not null && match(last)) return last;
        }
        throw new TimeoutException($"presence on {ticketId} never showed {what}; last: {(last is null ? "none" : string.Join(", ", last))}");
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
