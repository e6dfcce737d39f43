using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Macros;

/// <summary>
/// <c>scope</c> is "personal" (the default: the calling agent's own) or "shared" (admins only;
/// <c>teamId</c> limits it to one team). <c>bodies</c> maps "ko" / "en" to the reply text.
/// </summary>
public sealed record CreateMacroRequest(
    string? Title, string? Scope = null, long? TeamId = null,
    IReadOnlyDictionary<string, string?>? Bodies = null, MacroActionsInput? Actions = null);

public sealed class CreateMacro(SoriDbContext db, MacroInputs inputs, TimeProvider clock)
{
    public async Task<Macro> Handle(CreateMacroRequest r, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        MacroInputs.CheckTitle(v, r.Title, required: true);
        var shared = r.Scope == MacroView.Shared;
        v.When(r.Scope is not (null or MacroView.Shared or MacroView.Personal), "scope", "must be personal or shared.");
        v.When(!shared && r.TeamId is not null, "teamId", "only a shared macro is limited to a team.");
        v.When(!shared && actor.AgentId is null, "scope",
            "personal macros belong to agents; an API token manages shared macros (admin scope).");
        var bodies = MacroInputs.CheckBodies(v, r.Bodies);
        var actions = await inputs.CheckActionsAsync(v, r.Actions, ct);
        await inputs.CheckTeamAsync(v, shared ? r.TeamId : null, ct);
        v.When(bodies.Count == 0 && actions.IsEmpty, "bodies", "a macro needs a reply body or at least one action.");
        v.ThrowIfInvalid();
        SharedOrPersonal.EnsureMayManage(shared, "Macro", actor);

        var owner = shared ? null : actor.AgentId;
        var existing = await db.Macros.CountAsync(m => m.OwnerId == owner, ct);
        var max = shared ? MacroInputs.MaxShared : MacroInputs.MaxPersonalPerAgent;
        if (existing >= max) throw new ConflictException($"There can be at most {max} {(shared ? "shared macros" : "personal macros per agent")}.");

        var macro = new Macro(r.Title!.Trim(), owner, shared ? r.TeamId : null, clock.GetUtcNow().UtcDateTime)
        {
            Bodies = bodies,
            Actions = actions,
        };
        db.Macros.Add(macro);
        await db.SaveChangesAsync(ct);
        return macro;
    }
}
