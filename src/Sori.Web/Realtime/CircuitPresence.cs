using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Sori.Web.Realtime;

/// <summary>
/// The presence sessions of one Blazor circuit (one browser tab). While the tab's connection is down
/// its sessions are away; Blazor keeps a disconnected circuit for minutes in case the tab comes back,
/// and the other agents should not see a closed laptop as a viewer meanwhile.
/// </summary>
public sealed class CircuitPresence(PresenceTracker presence) : CircuitHandler
{
    private readonly Lock _gate = new();
    private readonly List<string> _sessions = [];
    private bool _down;

    public string Join(long ticketId, long agentId, string name)
    {
        var session = presence.Join(ticketId, agentId, name);
        lock (_gate) _sessions.Add(session);
        if (_down) presence.SetAway(session, true);
        return session;
    }

    public void Leave(string session)
    {
        lock (_gate) _sessions.Remove(session);
        presence.Leave(session);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct) => SetAway(true);
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct) => SetAway(false);

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        string[] all;
        lock (_gate)
        {
            all = [.. _sessions];
            _sessions.Clear();
        }
        foreach (var s in all) presence.Leave(s);
        return Task.CompletedTask;
    }

    private Task SetAway(bool away)
    {
        string[] all;
        lock (_gate)
        {
            _down = away;
            all = [.. _sessions];
        }
        foreach (var s in all) presence.SetAway(s, away);
        return Task.CompletedTask;
    }
}
