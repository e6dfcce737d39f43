using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Sori.Bench.Scenarios.EmailIngest;

/// <summary>What one feed of messages took.</summary>
public sealed record FeedResult(int Sent, double Seconds, double P50Ms, double P95Ms, double P99Ms, IReadOnlyDictionary<string, int> Answers, string? ErrorSample)
{
    public double Rate => Sent / Seconds;
    public int Errors => Answers.Where(a => a.Key is not ("201" or "202")).Sum(a => a.Value);
}

/// <summary>
/// Posts every message once to the raw drop endpoint, as an MTA piping mail would, with a fixed number
/// of requests in flight; a message that answers one still in flight waits for that one's answer, so
/// conversations thread as they would arriving one by one.
/// </summary>
public static class OrderedFeed
{
    private static readonly MediaTypeHeaderValue Rfc822 = new("message/rfc822");

    public static async Task<FeedResult> RunAsync(Uri endpoint, string token, IReadOnlyList<CorpusMessage> messages, int concurrency, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false, UseCookies = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var slots = new SemaphoreSlim(concurrency);
        var inFlight = new Dictionary<string, Task>(StringComparer.Ordinal);
        var latencies = new List<double>(messages.Count);
        var answers = new Dictionary<string, int>();
        string? sample = null;
        var tasks = new List<Task>(messages.Count);
        var started = Stopwatch.GetTimestamp();
        foreach (var m in messages)
        {
            await slots.WaitAsync(ct);
            var answered = m.Answers.Select(a => inFlight.GetValueOrDefault(a)).OfType<Task>().ToArray();
            var task = Task.Run(async () =>
            {
                try
                {
                    await Task.WhenAll(answered);
                    var t0 = Stopwatch.GetTimestamp();
                    using var content = new ByteArrayContent(m.Raw);
                    content.Headers.ContentType = Rfc822;
                    string code;
                    try
                    {
                        using var response = await client.PostAsync(endpoint, content, ct);
                        code = ((int)response.StatusCode).ToString();
                        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Accepted))
                            sample ??= $"HTTP {code}: {await response.Content.ReadAsStringAsync(ct)}";
                    }
                    catch (HttpRequestException e) { code = e.HttpRequestError.ToString(); sample ??= e.Message; }
                    var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    lock (latencies)
                    {
                        latencies.Add(ms);
                        answers[code] = answers.GetValueOrDefault(code) + 1;
                    }
                }
                finally { slots.Release(); }
            }, ct);
            if (m.MessageId is not null) inFlight[m.MessageId] = task;
            tasks.Add(task);
        }
        await Task.WhenAll(tasks);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * q))];
        return new FeedResult(messages.Count, seconds, P(0.5), P(0.95), P(0.99), answers, sample);
    }
}
