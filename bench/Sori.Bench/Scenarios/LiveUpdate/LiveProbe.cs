using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Sori.Bench.Scenarios.LiveUpdate;

/// <summary>
/// A hub client of /hubs/live watching every ticket, and an HTTP client for the API calls whose pushes
/// it waits for. Arrival times are taken in the push handler, so a push that beats the API's response
/// is timed correctly.
/// </summary>
public sealed class LiveProbe : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _arrivals = new();
    private readonly HubConnection _hub;
    private readonly HttpClient _http;

    private LiveProbe(HubConnection hub, HttpClient http) => (_hub, _http) = (hub, http);

    /// <param name="api">The node the API calls go to.</param>
    /// <param name="hubNode">The node the hub client is connected to (another node with Redis).</param>
    public static async Task<LiveProbe> ConnectAsync(Uri api, Uri hubNode, string token, CancellationToken ct)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(hubNode, "hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var probe = new LiveProbe(hub, http);
        hub.On<JsonElement>("ticketChanged", c =>
        {
            var at = Stopwatch.GetTimestamp();
            var key = Key(c.GetProperty("ticketId").GetInt64(), c.GetProperty("type").GetString()!,
                c.TryGetProperty("authorKind", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null);
            probe.Arrival(key).TrySetResult(at);
        });
        await hub.StartAsync(ct);
        await hub.InvokeAsync("WatchTickets", ct);
        return probe;
    }

    private static string Key(long ticketId, string type, string? author) => $"{ticketId}:{type}:{author}";
    private TaskCompletionSource<long> Arrival(string key) => _arrivals.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    public sealed record Sample(double ApiMs, double LiveMs);

    /// <summary>Creates a ticket and times its response and the arrival of its ticket.created push.</summary>
    public async Task<(Sample Sample, long TicketId)> CreateAsync(byte[] body, CancellationToken ct)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await _http.PostAsync("api/v1/tickets", content, ct);
        var t1 = Stopwatch.GetTimestamp();
        var id = await IdOf(response, HttpStatusCode.Created, ct);
        var arrived = await Wait(Key(id, "ticket.created", null), ct);
        return (new Sample(Ms(t0, t1), Ms(t0, arrived)), id);
    }

    /// <summary>Posts a reply to the ticket through the API token and times its response and the arrival of its message.created push.</summary>
    public async Task<Sample> ReplyAsync(long ticketId, CancellationToken ct)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var response = await _http.PostAsync($"api/v1/tickets/{ticketId}/messages",
            new StringContent("""{"body":"확인해 보고 곧 안내해 드리겠습니다."}""", System.Text.Encoding.UTF8, "application/json"), ct);
        var t1 = Stopwatch.GetTimestamp();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"reply: {(int)response.StatusCode}");
        // A reply through an API token is authored by "system" (an agent's would be "agent").
        var arrived = await Wait(Key(ticketId, "message.created", "system"), ct);
        return new Sample(Ms(t0, t1), Ms(t0, arrived));
    }

    private async Task<long> Wait(string key, CancellationToken ct)
    {
        try { return await Arrival(key).Task.WaitAsync(TimeSpan.FromSeconds(30), ct); }
        catch (TimeoutException) { throw new TimeoutException($"no push for {key} within 30 s"); }
        finally { _arrivals.TryRemove(key, out _); }
    }

    private static async Task<long> IdOf(HttpResponseMessage response, HttpStatusCode expected, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected) throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _http.Dispose();
    }
}
