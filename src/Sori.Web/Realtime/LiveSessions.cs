using System.Collections.Concurrent;
using System.Security.Claims;
using System.Threading.Channels;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Sori.Core.Data;
using Sori.Web.Auth;

namespace Sori.Web.Realtime;

/// <summary>
/// The live sessions of this node (hub connections on /hubs/live, workspace circuits) and the check
/// that keeps their credentials honest. A connection outlives the request that authenticated it, so
/// the check runs again: at once when any node reports a revocation (<see cref="Ended"/>, from the
/// outbox, then over the bus), and every <see cref="RealtimeOptions.SessionCheckInterval"/> for what no
/// event announces (a token's expiry, a change made straight in the database). One round is one query
/// for all the agents and one for all the tokens of this node's sessions. A session whose agent was
/// deactivated or whose security stamp changed, or whose token was revoked or expired, is closed.
/// </summary>
public sealed class LiveSessions : BackgroundService
{
    private sealed record Session(string Kind, long Id, string? Stamp, Action Close);
    private sealed record AgentState(long Id, bool IsActive, string? Stamp);
    private sealed record TokenState(long Id, DateTime? RevokedAt, DateTime? ExpiresAt);

    private readonly IServiceScopeFactory _scopes;
    private readonly ILiveBus _bus;
    private readonly IMemoryCache _tokenCache;
    private readonly TimeProvider _clock;
    private readonly RealtimeOptions _options;
    private readonly string _stampClaim;
    private readonly ILogger<LiveSessions> _log;
    private readonly ConcurrentDictionary<long, Session> _sessions = new();
    private readonly ConcurrentDictionary<long, DateTime> _recentlyEnded = new();
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _nextId;

    public LiveSessions(IServiceScopeFactory scopes, ILiveBus bus, IMemoryCache tokenCache, TimeProvider clock,
        IOptions<RealtimeOptions> options, IOptions<IdentityOptions> identity, ILogger<LiveSessions> log)
    {
        (_scopes, _bus, _tokenCache, _clock, _options, _log) = (scopes, bus, tokenCache, clock, options.Value, log);
        _stampClaim = identity.Value.ClaimsIdentity.SecurityStampClaimType;
        bus.Received += e => { if (e.Ended is { } ended) Forget(ended); };
        // Revocations published while this node was cut off are lost: look at everything again.
        bus.Reconnected += CheckSoon;
    }

    public int Count => _sessions.Count;

    /// <summary>
    /// Checks the caller's credentials now and, if they hold, watches them from now on; <paramref name="close"/>
    /// ends the session when they stop holding. Null: refused (the caller must not get a session).
    /// </summary>
    public async Task<IDisposable?> AdmitAsync(ClaimsPrincipal user, Action close, CancellationToken ct)
    {
        if (ToSession(user, close) is not { } session) return null;
        // Watched first, then checked: a revocation between the two cannot slip through.
        var id = Interlocked.Increment(ref _nextId);
        _sessions[id] = session;
        try
        {
            if ((await InvalidAsync([session], ct)).Count == 0) return new Registration(this, id);
        }
        catch
        {
            _sessions.TryRemove(id, out _);
            throw;
        }
        _sessions.TryRemove(id, out _);
        return null;
    }

    /// <summary>
    /// Something ended sessions (this node's outbox handler saw the event): forget the token, close what
    /// this node holds, and tell the other nodes to do the same.
    /// </summary>
    public void Ended(SessionEnd ended)
    {
        Forget(ended);
        _bus.Publish(new LiveEnvelope(_bus.NodeId, Ended: ended));
    }

    /// <summary>
    /// True when the principal's agent had its sessions ended moments ago: the sign-in cookie is then
    /// checked against the database on each request (instead of once a minute) until the news is old.
    /// </summary>
    public bool RecentlyEnded(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(SoriClaims.Kind) != SoriClaims.KindAgent || !TryId(user, out var agentId)) return false;
        return _recentlyEnded.TryGetValue(agentId, out var until) && until > Now();
    }

    /// <summary>The same check as a round, for one principal (a cookie on a request).</summary>
    public async Task<bool> IsValidAsync(ClaimsPrincipal user, CancellationToken ct) =>
        ToSession(user, () => { }) is { } s && (await InvalidAsync([s], ct)).Count == 0;

    public void CheckSoon() => _nudges.Writer.TryWrite(true);

    /// <summary>One round over every session of this node; returns how many it closed.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        var all = _sessions.ToArray();
        if (all.Length == 0) return 0;
        var invalid = await InvalidAsync(all.Select(p => p.Value).ToList(), ct);
        var closed = 0;
        foreach (var (id, session) in all)
        {
            if (!invalid.Contains(session) || !_sessions.TryRemove(id, out _)) continue;
            closed++;
            try { session.Close(); }
            catch (Exception e) { _log.LogWarning(e, "Closing a live session of {Kind} {Id} failed", session.Kind, session.Id); }
        }
        if (closed > 0) _log.LogInformation("Closed {Count} live sessions whose credentials no longer hold", closed);
        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wait = new CancellationTokenSource(_options.SessionCheckInterval, _clock))
            using (var either = CancellationTokenSource.CreateLinkedTokenSource(wait.Token, stoppingToken))
            {
                try { await _nudges.Reader.WaitToReadAsync(either.Token); }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
                catch (OperationCanceledException) { return; }
            }
            while (_nudges.Reader.TryRead(out _)) { }
            try { await CheckAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { _log.LogWarning(e, "Could not check the credentials of live sessions; trying again next round"); }
        }
    }

    private void Forget(SessionEnd ended)
    {
        if (ended.TokenPrefix is { } prefix) _tokenCache.Remove(ApiTokenAuthenticationHandler.CacheKey(prefix));
        // Identity checks a cookie's stamp once a minute; until that has surely happened, check it on every request.
        if (ended.AgentId is { } agentId) _recentlyEnded[agentId] = Now() + TimeSpan.FromMinutes(2);
        foreach (var (id, until) in _recentlyEnded)
            if (until <= Now()) _recentlyEnded.TryRemove(id, out _);
        CheckSoon();
    }

    private Session? ToSession(ClaimsPrincipal user, Action close)
    {
        if (user.Identity?.IsAuthenticated != true || !TryId(user, out var id)) return null;
        return user.FindFirstValue(SoriClaims.Kind) switch
        {
            SoriClaims.KindAgent => new Session(SoriClaims.KindAgent, id, user.FindFirstValue(_stampClaim), close),
            SoriClaims.KindToken => new Session(SoriClaims.KindToken, id, null, close),
            _ => null,
        };
    }

    /// <summary>The sessions among <paramref name="sessions"/> whose agent or token no longer holds.</summary>
    private async Task<HashSet<Session>> InvalidAsync(IReadOnlyList<Session> sessions, CancellationToken ct)
    {
        var agentIds = sessions.Where(s => s.Kind == SoriClaims.KindAgent).Select(s => s.Id).Distinct().ToList();
        var tokenIds = sessions.Where(s => s.Kind == SoriClaims.KindToken).Select(s => s.Id).Distinct().ToList();
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var agents = agentIds.Count == 0 ? new Dictionary<long, AgentState>() : await db.Agents.AsNoTracking()
            .Where(a => agentIds.Contains(a.Id)).Select(a => new AgentState(a.Id, a.IsActive, a.SecurityStamp)).ToDictionaryAsync(a => a.Id, ct);
        var tokens = tokenIds.Count == 0 ? new Dictionary<long, TokenState>() : await db.ApiTokens.AsNoTracking()
            .Where(t => tokenIds.Contains(t.Id)).Select(t => new TokenState(t.Id, t.RevokedAt, t.ExpiresAt)).ToDictionaryAsync(t => t.Id, ct);
        var now = Now();
        return sessions.Where(s => s.Kind == SoriClaims.KindAgent
            ? !agents.TryGetValue(s.Id, out var a) || !a.IsActive || a.Stamp != s.Stamp
            : !tokens.TryGetValue(s.Id, out var t) || t.RevokedAt is not null || t.ExpiresAt <= now).ToHashSet();
    }

    private static bool TryId(ClaimsPrincipal user, out long id) => long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out id);
    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    private sealed class Registration(LiveSessions owner, long id) : IDisposable
    {
        public void Dispose() => owner._sessions.TryRemove(id, out _);
    }
}
