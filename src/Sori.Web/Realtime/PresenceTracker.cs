using Microsoft.Extensions.Options;

namespace Sori.Web.Realtime;

/// <summary>
/// Who is looking at which ticket, and who is typing on it, across all nodes. Each node owns the
/// sessions opened through it (a ticket page, a hub connection) and announces them per ticket;
/// it keeps the other nodes' announcements until they are replaced, withdrawn, left out of that
/// node's heartbeat, or older than <see cref="RealtimeOptions.PresenceTtl"/> (a node that died).
/// Soft state only: nothing here is written to the database.
/// </summary>
public sealed class PresenceTracker
{
    private sealed class Session(long ticketId, long agentId, string name)
    {
        public long TicketId { get; } = ticketId;
        public long AgentId { get; } = agentId;
        public string Name { get; } = name;
        public DateTime? TypingUntil { get; set; }
        public bool Away { get; set; }
    }

    private sealed record Remote(IReadOnlyList<Viewer> Viewers, DateTime Expires);

    private readonly ILiveBus _bus;
    private readonly RealtimeOptions _options;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Session> _sessions = [];
    private readonly Dictionary<long, List<Session>> _local = [];
    private readonly Dictionary<long, Dictionary<string, Remote>> _remote = [];
    private readonly Dictionary<long, Action[]> _watchers = [];
    private DateTime _nextHeartbeat;

    public PresenceTracker(ILiveBus bus, IOptions<RealtimeOptions> options, TimeProvider clock)
    {
        _bus = bus;
        _options = options.Value;
        _clock = clock;
        bus.Received += OnEnvelope;
        bus.Reconnected += () => Announce(null, full: true, wantReply: true);
    }

    /// <summary>Any ticket's viewers changed (the hub relays it to connections watching that ticket).</summary>
    public event Action<long>? Changed;

    /// <summary>Starts a session of <paramref name="agentId"/> on the ticket; returns its id for the calls below.</summary>
    public string Join(long ticketId, long agentId, string name)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _sessions[id] = new Session(ticketId, agentId, name);
            (_local.TryGetValue(ticketId, out var list) ? list : _local[ticketId] = []).Add(_sessions[id]);
        }
        Announce([ticketId], wantReply: true);
        Notify(ticketId);
        return id;
    }

    public void Leave(string sessionId)
    {
        long ticketId;
        lock (_gate)
        {
            if (!_sessions.Remove(sessionId, out var s)) return;
            ticketId = s.TicketId;
            var list = _local[ticketId];
            list.Remove(s);
            if (list.Count == 0) _local.Remove(ticketId);
        }
        Announce([ticketId]);
        Notify(ticketId);
    }

    /// <summary>A page whose connection dropped is away until it reconnects (or its circuit ends and it leaves).</summary>
    public void SetAway(string sessionId, bool away) => Update(sessionId, s =>
    {
        if (s.Away == away) return false;
        s.Away = away;
        s.TypingUntil = null;
        return true;
    });

    /// <summary>Typing lasts <see cref="RealtimeOptions.TypingTimeout"/> after the last call with true; false ends it at once.</summary>
    public void Typing(string sessionId, bool typing) => Update(sessionId, s =>
    {
        var now = Now();
        var was = IsTyping(s, now);
        s.TypingUntil = typing ? now + _options.TypingTimeout : null;
        return was != typing;
    });

    private void Update(string sessionId, Func<Session, bool> change)
    {
        long ticketId;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out var s) || !change(s)) return;
            ticketId = s.TicketId;
        }
        Announce([ticketId]);
        Notify(ticketId);
    }

    /// <summary>Everyone on the ticket through any node, one entry per agent, by name.</summary>
    public IReadOnlyList<Viewer> Viewers(long ticketId)
    {
        var now = Now();
        lock (_gate)
        {
            var all = LocalViewers(ticketId, now).ToList();
            if (_remote.TryGetValue(ticketId, out var nodes))
                all.AddRange(nodes.Values.Where(r => r.Expires > now).SelectMany(r => r.Viewers));
            return Merge(all);
        }
    }

    /// <summary>Calls <paramref name="onChange"/> (which must not block) whenever the ticket's viewers may have changed.</summary>
    public IDisposable Watch(long ticketId, Action onChange)
    {
        lock (_gate) _watchers[ticketId] = _watchers.TryGetValue(ticketId, out var list) ? [.. list, onChange] : [onChange];
        return new Unwatch(() =>
        {
            lock (_gate)
            {
                if (!_watchers.TryGetValue(ticketId, out var list)) return;
                var rest = list.Where(a => a != onChange).ToArray();
                if (rest.Length == 0) _watchers.Remove(ticketId);
                else _watchers[ticketId] = rest;
            }
        });
    }

    /// <summary>Called about once a second: ends typing that timed out, forgets silent nodes, sends the heartbeat when due.</summary>
    public void Tick()
    {
        var now = Now();
        var changed = new HashSet<long>();
        var typingEnded = new List<long>();
        bool heartbeat;
        lock (_gate)
        {
            foreach (var s in _sessions.Values.Where(s => s.TypingUntil <= now))
            {
                s.TypingUntil = null;
                typingEnded.Add(s.TicketId);
            }
            foreach (var (ticketId, nodes) in _remote.ToList())
            {
                var silent = nodes.Where(n => n.Value.Expires <= now).Select(n => n.Key).ToList();
                if (silent.Count == 0) continue;
                foreach (var node in silent) nodes.Remove(node);
                changed.Add(ticketId);
                if (nodes.Count == 0) _remote.Remove(ticketId);
            }
            heartbeat = now >= _nextHeartbeat;
            if (heartbeat) _nextHeartbeat = now + _options.PresenceHeartbeat;
        }
        if (heartbeat) Announce(null, full: true);
        else if (typingEnded.Count > 0) Announce(typingEnded.Distinct().ToList());
        foreach (var t in changed.Union(typingEnded)) Notify(t);
    }

    private void OnEnvelope(LiveEnvelope e)
    {
        if (e.Presence is null) return;
        var now = Now();
        var changed = new List<long>();
        List<long> answer;
        lock (_gate)
        {
            if (e.Full)
            {
                var listed = e.Presence.Select(p => p.TicketId).ToHashSet();
                foreach (var (ticketId, nodes) in _remote.ToList())
                    if (!listed.Contains(ticketId) && nodes.Remove(e.Node))
                    {
                        changed.Add(ticketId);
                        if (nodes.Count == 0) _remote.Remove(ticketId);
                    }
            }
            foreach (var p in e.Presence)
            {
                var nodes = _remote.TryGetValue(p.TicketId, out var n) ? n : _remote[p.TicketId] = [];
                var before = nodes.TryGetValue(e.Node, out var old) && old.Expires > now ? old.Viewers : [];
                if (p.Viewers.Count == 0) nodes.Remove(e.Node);
                else nodes[e.Node] = new Remote(p.Viewers, now + _options.PresenceTtl);
                if (nodes.Count == 0) _remote.Remove(p.TicketId);
                if (!before.SequenceEqual(p.Viewers)) changed.Add(p.TicketId);
            }
            answer = !e.WantReply ? []
                : e.Full ? _local.Keys.ToList()
                : e.Presence.Select(p => p.TicketId).Where(_local.ContainsKey).ToList();
        }
        if (e.WantReply && (answer.Count > 0 || e.Full)) Announce(answer, full: e.Full);
        foreach (var t in changed) Notify(t);
    }

    /// <summary>Tells the other nodes who views <paramref name="tickets"/> here (all of this node's tickets when null).</summary>
    private void Announce(IReadOnlyCollection<long>? tickets, bool full = false, bool wantReply = false)
    {
        if (_bus is InProcessLiveBus) return;
        var now = Now();
        List<PresenceSnapshot> snapshots;
        lock (_gate)
            snapshots = (tickets ?? _local.Keys).Select(t => new PresenceSnapshot(t, LocalViewers(t, now).ToList())).ToList();
        _bus.Publish(new LiveEnvelope(_bus.NodeId, Presence: snapshots, Full: full, WantReply: wantReply));
    }

    private IEnumerable<Viewer> LocalViewers(long ticketId, DateTime now) =>
        _local.TryGetValue(ticketId, out var list)
            ? Merge(list.Where(s => !s.Away).Select(s => new Viewer(s.AgentId, s.Name, IsTyping(s, now))))
            : [];

    private static IReadOnlyList<Viewer> Merge(IEnumerable<Viewer> viewers) =>
        viewers.GroupBy(v => v.AgentId)
            .Select(g => new Viewer(g.Key, g.First().Name, g.Any(v => v.Typing)))
            .OrderBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.AgentId).ToList();

    private void Notify(long ticketId)
    {
        Action[] watchers;
        lock (_gate) watchers = _watchers.TryGetValue(ticketId, out var list) ? list : [];
        foreach (var w in watchers) w();
        Changed?.Invoke(ticketId);
    }

    private static bool IsTyping(Session s, DateTime now) => s.TypingUntil > now;
    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    private sealed class Unwatch(Action action) : IDisposable
    {
        private Action? _action = action;
        public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
    }
}
