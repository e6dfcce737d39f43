using Microsoft.Extensions.Options;
using Sori.Testing;
using Sori.Web.Realtime;

namespace Sori.Web.Tests.Realtime;

/// <summary>Presence between nodes through a bus the test controls: announcements, heartbeats, and a node that dies.</summary>
public sealed class PresenceTrackerTests
{
    /// <summary>Nodes joined by an in-memory bus; a cut node neither sends nor receives (a crash or a partition).</summary>
    private sealed class Network
    {
        public readonly List<Bus> Nodes = [];
        public Bus Add(string name) { var b = new Bus(this, name); Nodes.Add(b); return b; }
    }

    private sealed class Bus(Network net, string name) : ILiveBus
    {
        public bool Cut { get; set; }
        public string NodeId => name;
        public event Action<LiveEnvelope>? Received;
        public event Action? Reconnected;
        public void Publish(LiveEnvelope envelope)
        {
            if (Cut) return;
            foreach (var other in net.Nodes.Where(n => n != this && !n.Cut)) other.Received?.Invoke(envelope);
        }
        public void Reconnect() => Reconnected?.Invoke();
    }

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly RealtimeOptions _options = new()
    {
        PresenceHeartbeat = TimeSpan.FromSeconds(10), PresenceTtl = TimeSpan.FromSeconds(30), TypingTimeout = TimeSpan.FromSeconds(5),
    };

    private PresenceTracker Tracker(ILiveBus bus) => new(bus, Options.Create(_options), _clock);

    [Fact]
    public void Join_OnTwoNodes_EachSeesBoth_OneEntryPerAgent()
    {
        var net = new Network();
        var (a, b) = (Tracker(net.Add("a")), Tracker(net.Add("b")));
        a.Join(7, 1, "김하나");
        a.Join(7, 1, "김하나"); // a second tab of the same agent
        b.Join(7, 2, "이두리");
        b.Join(8, 3, "박세찌");

        Assert.Equal(["김하나", "이두리"], a.Viewers(7).Select(v => v.Name));
        Assert.Equal(["김하나", "이두리"], b.Viewers(7).Select(v => v.Name));
        Assert.Equal([3L], a.Viewers(8).Select(v => v.AgentId));
    }

    [Fact]
    public void Join_Late_LearnsViewersOfOtherNodesAtOnce()
    {
        var net = new Network();
        var a = Tracker(net.Add("a"));
        a.Join(7, 1, "김하나");
        var b = Tracker(net.Add("b")); // started after a's announcement
        Assert.Empty(b.Viewers(7));
        b.Join(7, 2, "이두리"); // asks the others to answer for ticket 7
        Assert.Equal([1L, 2L], b.Viewers(7).Select(v => v.AgentId));
    }

    [Fact]
    public void Typing_EndsAfterTheTimeout_OrAtOnce_OnEveryNode()
    {
        var net = new Network();
        var (a, b) = (Tracker(net.Add("a")), Tracker(net.Add("b")));
        var changes = 0;
        using var watch = b.Watch(7, () => changes++);
        var s = a.Join(7, 1, "김하나");
        a.Typing(s, true);
        Assert.True(b.Viewers(7).Single().Typing);

        _clock.Advance(TimeSpan.FromSeconds(3));
        a.Typing(s, true); // still typing: extends, announces nothing new
        _clock.Advance(TimeSpan.FromSeconds(3));
        a.Tick();
        Assert.True(b.Viewers(7).Single().Typing);
        _clock.Advance(TimeSpan.FromSeconds(3));
        a.Tick();
        Assert.False(b.Viewers(7).Single().Typing);

        a.Typing(s, true);
        a.Typing(s, false);
        Assert.False(b.Viewers(7).Single().Typing);
        Assert.True(changes >= 4);
    }

    [Fact]
    public void Leave_And_Away_RemoveTheViewerEverywhere()
    {
        var net = new Network();
        var (a, b) = (Tracker(net.Add("a")), Tracker(net.Add("b")));
        var s = a.Join(7, 1, "김하나");
        a.SetAway(s, true);
        Assert.Empty(b.Viewers(7));
        Assert.Empty(a.Viewers(7));
        a.SetAway(s, false);
        Assert.Single(b.Viewers(7));
        a.Leave(s);
        Assert.Empty(b.Viewers(7));
        a.Leave(s); // twice is harmless
    }

    [Fact]
    public void NodeCrash_ItsViewersExpireAfterTheTtl_WhileHeartbeatsKeepLiveOnes()
    {
        var net = new Network();
        var busA = net.Add("a");
        var (a, b) = (Tracker(busA), Tracker(net.Add("b")));
        a.Join(7, 1, "김하나");
        b.Join(7, 2, "이두리");

        // Both alive: heartbeats every 10 s keep each other's viewers well past the 30 s TTL.
        for (var i = 0; i < 6; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            a.Tick();
            b.Tick();
        }
        Assert.Equal(2, b.Viewers(7).Count);

        busA.Cut = true; // node a dies without a word
        var changed = false;
        using var watch = b.Watch(7, () => changed = true);
        _clock.Advance(TimeSpan.FromSeconds(20));
        b.Tick();
        Assert.Equal(2, b.Viewers(7).Count);
        _clock.Advance(TimeSpan.FromSeconds(11));
        b.Tick();
        Assert.Equal([2L], b.Viewers(7).Select(v => v.AgentId));
        Assert.True(changed);
    }

    [Fact]
    public void Heartbeat_IsTheWholeState_TicketsLeftOutAreDropped()
    {
        var net = new Network();
        var busA = net.Add("a");
        var (a, b) = (Tracker(busA), Tracker(net.Add("b")));
        var s = a.Join(7, 1, "김하나");
        busA.Cut = true;
        a.Leave(s); // the withdrawal is lost
        busA.Cut = false;
        Assert.Single(b.Viewers(7));
        _clock.Advance(TimeSpan.FromSeconds(1));
        a.Tick(); // first tick sends a heartbeat listing no tickets
        Assert.Empty(b.Viewers(7));
    }

    [Fact]
    public void Reconnect_ReannouncesAndAsksOthers()
    {
        var net = new Network();
        var busA = net.Add("a");
        var busB = net.Add("b");
        var (a, b) = (Tracker(busA), Tracker(busB));
        busB.Cut = true;
        a.Join(7, 1, "김하나");
        b.Join(7, 2, "이두리");
        busB.Cut = false;
        Assert.Equal([1L], a.Viewers(7).Select(v => v.AgentId));
        Assert.Equal([2L], b.Viewers(7).Select(v => v.AgentId));

        busB.Reconnect();
        Assert.Equal([1L, 2L], a.Viewers(7).Select(v => v.AgentId));
        Assert.Equal([1L, 2L], b.Viewers(7).Select(v => v.AgentId));
    }
}
