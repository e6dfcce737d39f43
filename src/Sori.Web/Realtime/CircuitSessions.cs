using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Sori.Web.Realtime;

/// <summary>
/// A workspace tab (Blazor circuit) is a live session like a hub connection: its agent is checked when
/// the circuit opens and watched by <see cref="LiveSessions"/> while it lives. When the agent's
/// credentials stop holding, the circuit's user becomes anonymous, so its pages give way to the sign-in
/// page at once, as they do after signing out.
/// </summary>
public sealed class CircuitSessions(LiveSessions sessions, AuthenticationStateProvider auth) : CircuitHandler
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));
    private IDisposable? _session;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated != true) return;
        _session = await sessions.AdmitAsync(user, SignOut, ct);
        if (_session is null) SignOut();
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        _session?.Dispose();
        _session = null;
        return Task.CompletedTask;
    }

    private void SignOut() => ((IHostEnvironmentAuthenticationStateProvider)auth).SetAuthenticationState(Task.FromResult(Anonymous));
}
