namespace Sori.Web.Realtime;

/// <summary>
/// Carries <see cref="LiveEnvelope"/>s to the other nodes of the desk. Delivery is at most once and
/// best effort (pub/sub): anything that must not be lost is in the database, and a node that was cut
/// off tells its pages to re-read (<see cref="Reconnected"/>).
/// </summary>
public interface ILiveBus
{
    /// <summary>Names this process in envelopes; a node ignores its own.</summary>
    string NodeId { get; }

    /// <summary>Queues the envelope for the other nodes and returns at once; never throws.</summary>
    void Publish(LiveEnvelope envelope);

    /// <summary>Envelopes from other nodes, one at a time in the order they arrived.</summary>
    event Action<LiveEnvelope>? Received;

    /// <summary>Raised after contact with the other nodes was lost and is back: messages may have been missed.</summary>
    event Action? Reconnected;
}

/// <summary>A single node: nothing to tell anyone.</summary>
public sealed class InProcessLiveBus : ILiveBus
{
    public string NodeId { get; } = NewNodeId();
    public void Publish(LiveEnvelope envelope) { }
    public event Action<LiveEnvelope>? Received { add { } remove { } }
    public event Action? Reconnected { add { } remove { } }

    internal static string NewNodeId() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
