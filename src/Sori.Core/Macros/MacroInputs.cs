using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Macros;

/// <summary>What a client sends as a macro's actions; see <see cref="MacroActions"/> for the values.</summary>
public sealed record MacroActionsInput(
    string? Status = null, string? Priority = null, IReadOnlyList<string>? AddTags = null,
    IReadOnlyList<string>? RemoveTags = null, string? Assignee = null, string? Team = null);

/// <summary>The rules shared by creating and updating a macro, and who may see or change which macro.</summary>
public sealed class MacroInputs(SoriDbContext db)
{
    public const int BodyMaxLength = 20_000;
    public const int MaxPersonalPerAgent = 500;
    public const int MaxShared = 2_000;

    public static void CheckTitle(Validator v, string? title, bool required)
    {
        if (required || title is not null) v.Required("title", title, Limits.Name);
    }

    /// <summary>Known languages only, bounded length, known placeholders; empty bodies are dropped.</summary>
    public static Dictionary<string, string> CheckBodies(Validator v, IReadOnlyDictionary<string, string?>? bodies)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (lang, body) in bodies ?? new Dictionary<string, string?>())
        {
            var field = "bodies." + lang;
            if (!MacroLanguages.All.Contains(lang)) { v.Add("bodies", $"language \"{Shorten(lang)}\" is not one of: {string.Join(", ", MacroLanguages.All)}."); continue; }
            if (string.IsNullOrWhiteSpace(body)) continue;
            v.Body(field, body, BodyMaxLength);
            if (body.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) v.Add(field, "must not contain control characters.");
            MacroTemplate.Check(v, field, body);
            result[lang] = body.Replace("\r\n", "\n").Trim();
        }
        return result;
    }

    /// <summary>Checks the actions against the desk (agents, teams) and returns them normalized.</summary>
    public async Task<MacroActions> CheckActionsAsync(Validator v, MacroActionsInput? input, CancellationToken ct)
    {
        if (input is null) return MacroActions.None;
        var status = TicketInputs.ParseEnum<TicketStatus>(v, "actions.status", Blank(input.Status));
        var priority = TicketInputs.ParseEnum<TicketPriority>(v, "actions.priority", Blank(input.Priority));
        TicketInputs.CheckTags(v, "actions.addTags", input.AddTags);
        TicketInputs.CheckTags(v, "actions.removeTags", input.RemoveTags);
        var add = Tags(input.AddTags);
        var remove = Tags(input.RemoveTags);
        if (add.Intersect(remove).Any()) v.Add("actions.removeTags", "must not name a tag that the macro also adds.");
        var assignee = Blank(input.Assignee);
        if (assignee is not null and not ("me" or "none"))
        {
            if (!long.TryParse(assignee, out var agentId)) v.Add("actions.assignee", "must be me, none or an agent id.");
            else if (!await db.Agents.AnyAsync(a => a.Id == agentId && a.IsActive, ct)) v.Add("actions.assignee", $"Agent {agentId} does not exist or is inactive.");
        }
        var team = Blank(input.Team);
        if (team is not null and not "none")
        {
            if (!long.TryParse(team, out var teamId)) v.Add("actions.team", "must be none or a team id.");
            else if (!await db.Teams.AnyAsync(t => t.Id == teamId, ct)) v.Add("actions.team", $"Team {teamId} does not exist.");
        }
        return new MacroActions(status is { } s ? TicketStatusRules.ToWire(s) : null, priority is { } p ? TicketStatusRules.ToWire(p) : null,
            add.Count > 0 ? add : null, remove.Count > 0 ? remove : null, assignee, team);
    }

    public async Task CheckTeamAsync(Validator v, long? teamId, CancellationToken ct)
    {
        if (teamId is { } id && !await db.Teams.AnyAsync(t => t.Id == id, ct)) v.Add("teamId", $"Team {id} does not exist.");
    }

    /// <summary>The macros the actor may see: shared ones for everyone or their teams, and their own.</summary>
    public Task<IQueryable<Macro>> VisibleAsync(Actor actor, CancellationToken ct) => db.Macros.AsNoTracking().VisibleTo(db, actor, ct);

    /// <summary>A macro the actor may change, tracked.</summary>
    public async Task<Macro> LoadForChangeAsync(long id, Actor actor, CancellationToken ct) =>
        SharedOrPersonal.EnsureMayChange(await db.Macros.FirstOrDefaultAsync(m => m.Id == id, ct), id, "Macro", actor);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static List<string> Tags(IReadOnlyList<string>? tags) =>
        (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(Ticket.NormalizeTag).Distinct().ToList();

    private static string Shorten(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
