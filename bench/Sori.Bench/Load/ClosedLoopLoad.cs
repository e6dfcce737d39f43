using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Sori.Bench.Load;

/// <summary>
/// Where the load goes and what counts as success. <paramref name="ServerPid"/> and
/// <paramref name="DatabaseCpu"/> (cumulative CPU seconds of a separate database server) let each
/// window account for the CPU the request path used.
/// </summary>
public sealed record LoadTarget(
    string Name, Uri Url, HttpStatusCode Expected, string? BearerToken = null, int? ServerPid = null, Func<double?>? DatabaseCpu = null)
{
    /// <summary>POST sends one of the request bodies; GET sends none.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Post;

    /// <summary>A Cookie header to send, e.g. a signed-in agent's session for workspace pages.</summary>
    public string? Cookie { get; init; }
}

/// <summary>
/// A fixed number of workers, each sending its next request as soon as the previous one answers
/// (closed loop), so concurrency is exact and throughput is what the server sustains at it.
/// </summary>
public static class ClosedLoopLoad
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public static async Task<LoadResult> RunAsync(
        LoadTarget target, RequestBodies bodies, int concurrency, TimeSpan warmup, TimeSpan duration, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency, UseProxy = false, UseCookies = false, AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        var from = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var to = from + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency)
            .Select(i => Task.Run(() => Worker(client, target, bodies, new Random(i * 7919 + concurrency), from, to, ct), ct));
        var cpu = SampleCpuAsync(target, from, to, ct);
        var recorders = await Task.WhenAll(workers);
        var used = await cpu;

        var ok = new List<long>(recorders.Sum(r => r.Ok.Count));
        var kinds = new Dictionary<string, long>();
        var samples = new List<string>();
        foreach (var r in recorders)
        {
            ok.AddRange(r.Ok);
            foreach (var (k, n) in r.Errors) kinds[k] = kinds.GetValueOrDefault(k) + n;
            foreach (var s in r.Samples) if (samples.Count < 5 && !samples.Contains(s)) samples.Add(s);
        }
        return LoadResult.From(concurrency, duration.TotalSeconds, ok, recorders.Sum(r => r.AllOk), kinds, samples, used);
    }

    private static async Task<CpuUse> SampleCpuAsync(LoadTarget target, long from, long to, CancellationToken ct)
    {
        await Until(from, ct);
        var before = CpuUse.Sample(target.ServerPid, target.DatabaseCpu);
        await Until(to, ct);
        return CpuUse.Sample(target.ServerPid, target.DatabaseCpu).Since(before);
    }

    private static Task Until(long timestamp, CancellationToken ct) =>
        Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp) is var wait && wait > TimeSpan.Zero ? Task.Delay(wait, ct) : Task.CompletedTask;

    private sealed class Recorder
    {
        public readonly List<long> Ok = new(1 << 14);
        public readonly Dictionary<string, long> Errors = [];
        public readonly List<string> Samples = [];
        public long AllOk;
    }

    private static async Task<Recorder> Worker(
        HttpClient client, LoadTarget target, RequestBodies bodies, Random rnd, long from, long to, CancellationToken ct)
    {
        var rec = new Recorder();
        while (true)
        {
            var t0 = Stopwatch.GetTimestamp();
            if (t0 >= to) return rec;
            var (error, sample) = await SendOne(client, target, bodies.Pick(rnd), ct);
            var t1 = Stopwatch.GetTimestamp();
            if (error is not null)
            {
                // Every failure counts, warm-up included: a 500 is a bug whenever it happens.
                rec.Errors[error] = rec.Errors.GetValueOrDefault(error) + 1;
                if (sample is not null && rec.Samples.Count < 3) rec.Samples.Add(sample);
                continue;
            }
            rec.AllOk++;
            // A success belongs to the window it finished in; warm-up answers only heat the caches.
            if (t1 >= from && t1 <= to) rec.Ok.Add(t1 - t0);
        }
    }

    public static async Task<(string? Error, string? Sample)> SendOne(HttpClient client, LoadTarget target, byte[] body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(target.Method, target.Url);
        if (target.Method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }
        if (target.BearerToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.BearerToken);
        if (target.Cookie is not null) request.Headers.Add("Cookie", target.Cookie);
        try
        {
            using var response = await client.SendAsync(request, ct);
            if (response.StatusCode == target.Expected) return (null, null);
            var text = await response.Content.ReadAsStringAsync(ct);
            var code = (int)response.StatusCode;
            return ($"HTTP {code}", $"HTTP {code}: {(text.Length == 0 ? "(empty body)" : text.Length > 300 ? text[..300] + "…" : text)}");
        }
        catch (HttpRequestException e) { return (e.HttpRequestError.ToString(), e.Message); }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return ("timeout", "no answer within 30 s"); }
    }
}
