using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.SavedViews;

/// <summary><c>scope</c>: "personal" (the default, the calling agent's) or "shared" (admins; <c>teamId</c> limits it to one team).</summary>
public sealed record CreateSavedViewRequest(string? Name, string? Scope = null, long? TeamId = null, SavedViewFilters? Filters = null);

/// <summary>Adds a view at the end of its list (the shared views, or the agent's own).</summary>
public sealed class CreateSavedView(SoriDbContext db, SavedViewInputs inputs, TimeProvider clock)
{
    public async Task<SavedView> Handle(CreateSavedViewRequest r, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        SavedViewInputs.CheckName(v, r.Name, required: true);
        var shared = r.Scope == SavedViewView.Shared;
        v.When(r.Scope is not (null or SavedViewView.Shared or SavedViewView.Personal), "scope", "must be personal or shared.");
        v.When(!shared && r.TeamId is not null, "teamId", "only a shared view is limited to a team.");
        v.When(!shared && actor.AgentId is null, "scope", "personal views belong to agents; an API token manages shared views (admin scope).");
        var filters = await inputs.CheckFiltersAsync(v, r.Filters, ct);
        await inputs.CheckTeamAsync(v, shared ? r.TeamId : null, ct);
        v.ThrowIfInvalid();
        SharedOrPersonal.EnsureMayManage(shared, "View", actor);

        var owner = shared ? null : actor.AgentId;
        var siblings = await inputs.SiblingsAsync(owner, ct);
        var max = shared ? SavedViewInputs.MaxShared : SavedViewInputs.MaxPersonalPerAgent;
        if (siblings.Count >= max) throw new ConflictException($"There can be at most {max} {(shared ? "shared views" : "personal views per agent")}.");
        var name = r.Name!.Trim();
        if (siblings.Any(s => string.Equals(s.Name, name, StringComparison.CurrentCultureIgnoreCase)))
            throw ValidationException.For("name", "A view with this name already exists.");

        var view = new SavedView(name, owner, shared ? r.TeamId : null, siblings.Count == 0 ? 0 : siblings.Max(s => s.Position) + 1,
            filters, clock.GetUtcNow().UtcDateTime);
        db.SavedViews.Add(view);
        await db.SaveChangesAsync(ct);
        return view;
    }
}
