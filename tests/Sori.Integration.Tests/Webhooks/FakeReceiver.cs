using System.Collections.Concurrent;
using System.Net;

namespace Sori.Integration.Tests.Webhooks;

/// <summary>An HTTP handler standing in for receivers: answers from a script and keeps every request it saw.</summary>
public sealed class FakeReceiver : HttpMessageHandler
{
    public sealed record Seen(long DeliveryId, string Body, IReadOnlyDictionary<string, string> Headers, string Url);

    private readonly ConcurrentQueue<HttpStatusCode> _script = new();
    private readonly ConcurrentQueue<Seen> _seen = new();

    public HttpStatusCode Otherwise { get; set; } = HttpStatusCode.OK;
    /// <summary>Fail like a closed port: the sender sees an exception, not a status.</summary>
    public bool Refuse { get; set; }
    public IReadOnlyList<Seen> Requests => _seen.ToList();

    public void Answer(params HttpStatusCode[] statuses) { foreach (var s in statuses) _script.Enqueue(s); }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = await request.Content!.ReadAsStringAsync(ct);
        var headers = request.Headers.Concat(request.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        _seen.Enqueue(new Seen(long.Parse(headers["X-Sori-Delivery"]), body, headers, request.RequestUri!.ToString()));
        if (Refuse) throw new HttpRequestException($"Connection refused ({request.RequestUri!.Host}:{request.RequestUri.Port})");
        var status = _script.TryDequeue(out var next) ? next : Otherwise;
        return new HttpResponseMessage(status) { Content = new StringContent(status == HttpStatusCode.OK ? "ok" : "boom\nstack trace") };
    }
}
