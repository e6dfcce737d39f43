namespace Sori.Web.Realtime;

/// <summary>
/// This node's switchboard for ticket changes: <see cref="Publish"/> hands a change to the pages and
/// hub connections of this node and to the other nodes; changes from other nodes arrive through the
/// bus. Subscribers are called on the publishing thread and must only schedule work (a Blazor
/// component calls InvokeAsync), never block.
/// </summary>
public sealed class LiveUpdates
{
    private readonly ILiveBus _bus;
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveUpdates> _log;
    private readonly Lock _gate = new();
    private Action<TicketChange>[] _all = [];
    private readonly Dictionary<long, Action<TicketChange>[]> _byTicket = [];

    public LiveUpdates(ILiveBus bus, TimeProvider clock, ILogger<LiveUpdates> log)
    {
        _bus = bus;
        _clock = clock;
        _log = log;
        bus.Received += e => { if (e.Change is { } c) Dispatch(c); };
        bus.Reconnected += () => Dispatch(TicketChange.Resync(_clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>Every change to any ticket (inbox lists, counts, hub connections watching all tickets).</summary>
    public IDisposable WatchAll(Action<TicketChange> onChange)
    {
        lock (_gate) _all = [.. _all, onChange];
        return new Unsubscribe(() => { lock (_gate) _all = _all.Where(a => a != onChange).ToArray(); });
    }

    /// <summary>Changes to one ticket, and resyncs (an open ticket page).</summary>
    public IDisposable WatchTicket(long ticketId, Action<TicketChange> onChange)
    {
        lock (_gate) _byTicket[ticketId] = _byTicket.TryGetValue(ticketId, out var list) ? [.. list, onChange] : [onChange];
        return new Unsubscribe(() =>
        {
            lock (_gate)
            {
                if (!_byTicket.TryGetValue(ticketId, out var list)) return;
                var rest = list.Where(a => a != onChange).ToArray();
                if (rest.Length == 0) _byTicket.Remove(ticketId);
                else _byTicket[ticketId] = rest;
            }
        });
    }

    /// <summary>Tells this node's subscribers and every other node.</summary>
    public void Publish(TicketChange change)
    {
        Dispatch(change);
        _bus.Publish(new LiveEnvelope(_bus.NodeId, Change: change));
    }

    private void Dispatch(TicketChange change)
    {
        Action<TicketChange>[] all, one;
        lock (_gate)
        {
            all = _all;
            one = change.Type == TicketChange.ResyncType ? _byTicket.Values.SelectMany(l => l).ToArray()
                : _byTicket.TryGetValue(change.TicketId, out var list) ? list : [];
        }
        foreach (var subscriber in all) Call(subscriber, change);
        foreach (var subscriber in one) Call(subscriber, change);
    }

    private void Call(Action<TicketChange> subscriber, TicketChange change)
    {
        try { subscriber(change); }
        catch (Exception e) { _log.LogError(e, "A live update subscriber failed on {Type} for ticket {TicketId}", change.Type, change.TicketId); }
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        private Action? _action = action;
        public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
    }
}
