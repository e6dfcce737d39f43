using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Sori.Web.Realtime;

/// <summary>
/// The bus over Redis pub/sub: one subscription per node on one channel, so a change costs one
/// PUBLISH however many pages are open. Publishing is fire-and-forget (the library pipelines it);
/// a node starts without Redis and keeps reconnecting, and reports a reconnect so pages re-read.
/// </summary>
public sealed class RedisLiveBus(IOptions<RealtimeOptions> options, ILogger<RedisLiveBus> log) : ILiveBus, IHostedService, IAsyncDisposable
{
    private ConnectionMultiplexer? _redis;
    private ChannelMessageQueue? _queue;
    private RedisChannel _channel;
    private long _lastPublishWarning;

    public string NodeId { get; } = InProcessLiveBus.NewNodeId();
    public event Action<LiveEnvelope>? Received;
    public event Action? Reconnected;
    public bool IsConnected => _redis?.IsConnected == true;

    public async Task StartAsync(CancellationToken ct)
    {
        var config = ConfigurationOptions.Parse(options.Value.Redis!);
        config.AbortOnConnectFail = false; // start anyway; the library keeps trying in the background
        config.ClientName ??= "sori";
        _channel = RedisChannel.Literal(options.Value.Channel);
        _redis = await ConnectionMultiplexer.ConnectAsync(config);
        if (!_redis.IsConnected) log.LogWarning("Redis at {Redis} is not reachable yet; live updates stay on this node until it is", Endpoints(config));
        _redis.ConnectionFailed += (_, e) => log.LogWarning("Lost Redis ({Failure}); live updates from other nodes pause", e.FailureType);
        _redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType != ConnectionType.Subscription) return;
            log.LogInformation("Redis is back; pages re-read what they show");
            Reconnected?.Invoke();
        };
        _queue = await _redis.GetSubscriber().SubscribeAsync(_channel);
        _queue.OnMessage(OnMessage);
    }

    public void Publish(LiveEnvelope envelope)
    {
        if (_redis is null) return;
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(envelope, RealtimeJson.Default.LiveEnvelope);
            _redis.GetSubscriber().Publish(_channel, bytes, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            // While Redis is away every publish fails; say so once a minute, not per change.
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _lastPublishWarning) > 60_000)
            {
                Interlocked.Exchange(ref _lastPublishWarning, now);
                log.LogWarning(e, "Could not publish a live update to Redis");
            }
        }
    }

    private void OnMessage(ChannelMessage message)
    {
        LiveEnvelope? envelope;
        try { envelope = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)message.Message).Span, RealtimeJson.Default.LiveEnvelope); }
        catch (JsonException e)
        {
            log.LogWarning(e, "Ignored a malformed message on {Channel}", options.Value.Channel);
            return;
        }
        if (envelope is null || envelope.Node == NodeId) return;
        try { Received?.Invoke(envelope); }
        catch (Exception e) { log.LogError(e, "Handling a live update from {Node} failed", envelope.Node); }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_queue is not null) await _queue.UnsubscribeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }

    private static string Endpoints(ConfigurationOptions config) => string.Join(", ", config.EndPoints.Select(e => e.ToString()));
}
