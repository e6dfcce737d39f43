using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Sori.Core.Common;
using Sori.Web.Auth;

namespace Sori.Web.Workspace;

/// <summary>What every workspace page needs: the signed-in agent as an actor, use cases, strings and desk time.</summary>
/// <remarks>
/// [Authorize] here (inherited by every page) is what the router checks inside an open tab: the endpoint's
/// fallback policy guards the first request, this guards the circuit afterwards, so a tab whose agent is
/// signed out (<see cref="Realtime.CircuitSessions"/>) gives way to the sign-in page at once.
/// </remarks>
[Microsoft.AspNetCore.Authorization.Authorize]
public abstract class WorkspacePage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [CascadingParameter(Name = "ClientIp")] private string? ClientIp { get; set; }
    [Inject] protected UseCases UseCases { get; set; } = default!;
    [Inject] protected IStringLocalizer<Ui> L { get; set; } = default!;
    [Inject] protected DeskTime Time { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected DeskSettingsCache Desk { get; set; } = default!;
    /// <summary>Sori.Core's messages in the reader's language.</summary>
    [Inject] protected CoreText Core { get; set; } = default!;

    protected Actor Me { get; private set; } = Actor.System;

    /// <summary>The message shown after a use case refused an action (validation, conflict, not found).</summary>
    protected string? Error { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Me = (await AuthState).User.ToActor(ClientIp);
        await Desk.GetAsync();
        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>A page title with the desk's name: "고객 · 소리 쇼핑".</summary>
    protected string Title(string page) => $"{page} · {Desk.Current.DeskName}";

    /// <summary>The message shown after an action succeeded (role="status").</summary>
    protected string? Notice { get; set; }

    /// <summary>Runs an action and turns a refusal into a message on the page instead of a broken circuit.</summary>
    protected async Task<bool> TryAsync(Func<Task> action)
    {
        Error = null;
        try
        {
            await action();
            return true;
        }
        catch (Exception e) when (e is ValidationException or ConflictException or NotFoundException or ForbiddenException)
        {
            Error = Core.Explain(e);
        }
        return false;
    }
}
