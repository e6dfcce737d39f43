using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sori.Web.Tests.Webhooks;

/// <summary>A real HTTP receiver on 127.0.0.1 and a random port: records each request and answers from a script (then 200).</summary>
public sealed class TestReceiver : IAsyncDisposable
{
    public sealed record Request(string Body, IReadOnlyDictionary<string, string> Headers)
    {
        public string this[string header] => Headers[header];
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();
    private readonly Channel<Request> _received = Channel.CreateUnbounded<Request>();

    private TestReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<TestReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new TestReceiver(builder.Build());
        foreach (var s in statuses) receiver._script.Enqueue(s);
        receiver._app.MapPost("/hooks/sori", receiver.HandleAsync);
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Urls.Single() + "/hooks/sori";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        await _received.Writer.WriteAsync(new Request(body, headers));
        return Results.StatusCode(_script.TryDequeue(out var status) ? status : 200);
    }

    public async Task<Request> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try { return await _received.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException("the receiver got no webhook in time"); }
    }

    public bool TryNext(out Request? request) => _received.Reader.TryRead(out request);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
