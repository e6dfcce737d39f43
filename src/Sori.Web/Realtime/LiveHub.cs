using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Sori.Core.Common;
using Sori.Core.Tickets;
using Sori.Web.Auth;
using Sori.Web.Workspace;

namespace Sori.Web.Realtime;

/// <summary>
/// Live updates for clients other than the workspace's own pages (which subscribe in process): desktop
/// or mobile clients, integrations, the benchmark. Open to agents and to tokens with the read scope,
/// the same callers who may read any ticket through the API; only agents take part in presence.
/// Server → client: "ticketChanged" (a <see cref="TicketChange"/>), "presence" (ticket id, viewers),
/// "resync" (re-read everything: changes may have been missed).
/// </summary>
[Authorize(Policy = Policies.Read)]
public sealed class LiveHub(PresenceTracker presence, UseCases useCases, LiveSessions sessions, IOptions<RealtimeOptions> options) : Hub
{
    public const string Path = "/hubs/live";
    public const string AllTickets = "tickets";
    public static string TicketGroup(long ticketId) => "ticket:" + ticketId;

    /// <summary>Receive every ticket change (an inbox).</summary>
    public Task WatchTickets() => Groups.AddToGroupAsync(Context.ConnectionId, AllTickets);

    public Task UnwatchTickets() => Groups.RemoveFromGroupAsync(Context.ConnectionId, AllTickets);

    /// <summary>Receive one ticket's changes and its presence, and (agents) appear as its viewer. Returns who is viewing it now.</summary>
    public async Task<IReadOnlyList<Viewer>> WatchTicket(long ticketId)
    {
        var watched = Watched();
        if (!watched.ContainsKey(ticketId))
        {
            if (watched.Count >= options.Value.MaxWatchedTickets)
                throw new HubException($"A connection may watch at most {options.Value.MaxWatchedTickets} tickets.");
            if (ticketId <= 0 || !await Exists(ticketId)) throw new HubException($"Ticket {ticketId} was not found.");
            await Groups.AddToGroupAsync(Context.ConnectionId, TicketGroup(ticketId));
            var me = Context.User!.ToActor(null);
            watched[ticketId] = me.AgentId is { } agentId ? presence.Join(ticketId, agentId, me.Name) : null;
        }
        return presence.Viewers(ticketId);
    }

    public async Task UnwatchTicket(long ticketId)
    {
        if (!Watched().Remove(ticketId, out var session)) return;
        if (session is not null) presence.Leave(session);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, TicketGroup(ticketId));
    }

    /// <summary>The caller is (true) or stopped (false) writing on a ticket it watches; typing ends by itself a few seconds after the last true.</summary>
    public void Typing(long ticketId, bool typing)
    {
        if (!Watched().TryGetValue(ticketId, out var session)) throw new HubException($"Watch ticket {ticketId} first.");
        if (session is null) throw new HubException("Only agents take part in presence.");
        presence.Typing(session, typing);
    }

    /// <summary>
    /// The credentials are checked again here, not only at negotiation (a token cached a moment, a cookie
    /// checked once a minute), and the connection closes as soon as they stop holding (<see cref="LiveSessions"/>).
    /// </summary>
    public override async Task OnConnectedAsync()
    {
        var session = await sessions.AdmitAsync(Context.User!, Context.Abort, Context.ConnectionAborted);
        if (session is null) Context.Abort();
        else Context.Items[nameof(LiveSessions)] = session;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(nameof(LiveSessions), out var session)) ((IDisposable)session!).Dispose();
        foreach (var watching in Watched().Values.OfType<string>()) presence.Leave(watching);
        return Task.CompletedTask;
    }

    private async Task<bool> Exists(long ticketId)
    {
        try
        {
            await useCases.Run<GetTicket, TicketDetail>(g => g.Handle(ticketId, Context.ConnectionAborted));
            return true;
        }
        catch (NotFoundException) { return false; }
    }

    // Hub methods of one connection run one at a time (MaximumParallelInvocationsPerClient = 1), then OnDisconnected.
    private Dictionary<long, string?> Watched() =>
        (Dictionary<long, string?>)(Context.Items.TryGetValue(nameof(Watched), out var w) ? w! : Context.Items[nameof(Watched)] = new Dictionary<long, string?>());
}
