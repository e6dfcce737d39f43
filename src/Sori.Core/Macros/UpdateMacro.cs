using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Macros;

/// <summary>Absent fields stay as they are; <c>bodies</c> and <c>actions</c>, when given, replace the old ones whole.</summary>
public sealed record UpdateMacroRequest
{
    public string? Title { get; init; }
    public Maybe<long?> TeamId { get; init; }
    public IReadOnlyDictionary<string, string?>? Bodies { get; init; }
    public MacroActionsInput? Actions { get; init; }
}

/// <summary>An admin edits a shared macro, an agent their own; a macro never changes between shared and personal.</summary>
public sealed class UpdateMacro(SoriDbContext db, MacroInputs inputs, TimeProvider clock)
{
    public async Task<Macro> Handle(long id, UpdateMacroRequest r, Actor actor, CancellationToken ct)
    {
        var macro = await inputs.LoadForChangeAsync(id, actor, ct);
        var v = new Validator();
        MacroInputs.CheckTitle(v, r.Title, required: false);
        var bodies = r.Bodies is null ? macro.Bodies : MacroInputs.CheckBodies(v, r.Bodies);
        var actions = r.Actions is null ? macro.Actions : await inputs.CheckActionsAsync(v, r.Actions, ct);
        if (r.TeamId.IsSet)
        {
            v.When(!macro.IsShared && r.TeamId.Value is not null, "teamId", "only a shared macro is limited to a team.");
            await inputs.CheckTeamAsync(v, r.TeamId.Value, ct);
        }
        v.When(bodies.Count == 0 && actions.IsEmpty, "bodies", "a macro needs a reply body or at least one action.");
        v.ThrowIfInvalid();

        if (r.Title is not null) macro.Title = r.Title.Trim();
        if (r.TeamId.IsSet && macro.IsShared) macro.TeamId = r.TeamId.Value;
        macro.Bodies = new Dictionary<string, string>(bodies, StringComparer.Ordinal);
        macro.Actions = actions;
        macro.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return macro;
    }
}
