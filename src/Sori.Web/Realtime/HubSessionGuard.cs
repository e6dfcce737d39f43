using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Sori.Web.Auth;
using Sori.Web.Workspace;

namespace Sori.Web.Realtime;

/// <summary>
/// A hub connection outlives the request that authenticated it, like a Blazor circuit. Every minute
/// this re-checks the agents connected to /hubs/live as the workspace does, and closes the connection
/// of one who was deactivated, changed role or reset their password: no more pushes to them.
/// </summary>
public sealed class HubSessionGuard(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, TimeProvider clock,
    ILogger<HubSessionGuard> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, HubCallerContext> _agents = new();

    public void Connected(HubCallerContext context)
    {
        if (context.User?.FindFirst(SoriClaims.Kind)?.Value == SoriClaims.KindAgent) _agents[context.ConnectionId] = context;
    }

    public void Disconnected(HubCallerContext context) => _agents.TryRemove(context.ConnectionId, out _);

    /// <summary>One round of checks; returns how many connections it closed.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        var closed = 0;
        foreach (var (id, context) in _agents)
        {
            ct.ThrowIfCancellationRequested();
            bool valid;
            try { valid = await RevalidatingAgentStateProvider.IsStillValidAsync(context.User!, scopes, identity.Value); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Could not re-check the agent of hub connection {Connection}; trying again next round", id);
                continue;
            }
            if (valid) continue;
            _agents.TryRemove(id, out _);
            context.Abort();
            closed++;
        }
        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await CheckAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
