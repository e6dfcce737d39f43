using Microsoft.AspNetCore.SignalR;

namespace Sori.Web.Realtime;

/// <summary>Forwards this node's ticket changes and presence to the hub connections on this node (other nodes forward their own).</summary>
public sealed class LiveHubRelay(LiveUpdates live, PresenceTracker presence, IHubContext<LiveHub> hub, ILogger<LiveHubRelay> log) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken ct)
    {
        _subscription = live.WatchAll(OnChange);
        presence.Changed += OnPresence;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct)
    {
        _subscription?.Dispose();
        presence.Changed -= OnPresence;
        return Task.CompletedTask;
    }

    private void OnChange(TicketChange change) => Observe(change.Type == TicketChange.ResyncType
        ? hub.Clients.All.SendAsync("resync")
        // A connection in both groups gets the change once.
        : hub.Clients.Groups([LiveHub.AllTickets, LiveHub.TicketGroup(change.TicketId)]).SendAsync("ticketChanged", change));

    private void OnPresence(long ticketId) =>
        Observe(hub.Clients.Group(LiveHub.TicketGroup(ticketId)).SendAsync("presence", ticketId, presence.Viewers(ticketId)));

    private void Observe(Task send)
    {
        if (send.IsCompletedSuccessfully) return;
        send.ContinueWith(t => log.LogWarning(t.Exception, "A live push to hub connections failed"), TaskContinuationOptions.OnlyOnFaulted);
    }
}
