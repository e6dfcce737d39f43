using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Settings;
using Sori.Core.Tickets;

namespace Sori.Core.SavedViews;

/// <summary>The rules shared by creating and updating a view, and the ticket query a view stands for.</summary>
public sealed class SavedViewInputs(SoriDbContext db, GetDeskSettings desk, TimeProvider clock)
{
    private TimeZoneInfo? _zone;

    public const int MaxPersonalPerAgent = 100;
    public const int MaxShared = 200;
    public static readonly string[] Sorts = ["-created", "created", "-updated", "updated"];

    public static void CheckName(Validator v, string? name, bool required)
    {
        if (required || name is not null) v.Required("name", name, SavedViewConfiguration.NameMaxLength);
    }

    /// <summary>Checks every filter against the desk and returns them normalized (wire names, trimmed, tags lower-cased).</summary>
    public async Task<SavedViewFilters> CheckFiltersAsync(Validator v, SavedViewFilters? f, CancellationToken ct)
    {
        f ??= new SavedViewFilters();
        var statuses = Wire<TicketStatus>(v, "filters.status", f.Status);
        var priorities = Wire<TicketPriority>(v, "filters.priority", f.Priority);
        var channel = TicketInputs.ParseEnum<TicketChannel>(v, "filters.channel", Blank(f.Channel));
        if (f.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct)) v.Add("filters.teamId", $"Team {team} does not exist.");
        var assignee = Blank(f.Assignee);
        if (assignee is not null and not ("me" or "none"))
        {
            if (!long.TryParse(assignee, out var agentId)) v.Add("filters.assignee", "must be me, none or an agent id.");
            else if (!await db.Agents.AnyAsync(a => a.Id == agentId, ct)) v.Add("filters.assignee", $"Agent {agentId} does not exist.");
        }
        var tag = Blank(f.Tag);
        if (tag is not null) TicketInputs.CheckTags(v, "filters.tag", [tag]);
        if (f.CustomerId is { } customer && !await db.Customers.AnyAsync(c => c.Id == customer, ct))
            v.Add("filters.customerId", $"Customer {customer} does not exist.");
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = await ZoneAsync(ct);
        foreach (var (field, value) in new[] { ("createdFrom", f.CreatedFrom), ("createdTo", f.CreatedTo), ("updatedFrom", f.UpdatedFrom), ("updatedTo", f.UpdatedTo) })
            if (Blank(value) is { } text && !ViewTime.TryResolve(text, false, now, zone, out _))
                v.Add("filters." + field, "must be a date (2026-03-01), a date and time (2026-03-01T09:00, optionally with Z or an offset) or a time back from now (-30m, -12h, -7d, -2w).");
        var sort = Blank(f.Sort);
        v.When(sort is not null && !Sorts.Contains(sort), "filters.sort", $"must be one of: {string.Join(", ", Sorts)}");
        return new SavedViewFilters(statuses, priorities, channel is { } c ? TicketStatusRules.ToWire(c) : null, f.TeamId, assignee,
            tag is null ? null : Ticket.NormalizeTag(tag), f.CustomerId,
            Blank(f.CreatedFrom), Blank(f.CreatedTo), Blank(f.UpdatedFrom), Blank(f.UpdatedTo), sort);
    }

    public async Task CheckTeamAsync(Validator v, long? teamId, CancellationToken ct)
    {
        if (teamId is { } id && !await db.Teams.AnyAsync(t => t.Id == id, ct)) v.Add("teamId", $"Team {id} does not exist.");
    }

    /// <summary>The desk's time zone (general settings), read once per use.</summary>
    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct) => _zone ??= (await desk.Handle(ct)).Zone;

    /// <summary>The ticket query a view stands for right now (relative ranges move with the clock).</summary>
    public TicketQuery ToQuery(SavedViewFilters f, TimeZoneInfo zone)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? At(string? text, bool end) => ViewTime.TryResolve(text, end, now, zone, out var t) ? t : null;
        return new TicketQuery
        {
            Status = f.Status, Priority = f.Priority, Channel = f.Channel, TeamId = f.TeamId, Assignee = f.Assignee,
            Tag = f.Tag, CustomerId = f.CustomerId, Sort = f.Sort,
            CreatedFrom = At(f.CreatedFrom, false), CreatedTo = At(f.CreatedTo, true),
            UpdatedFrom = At(f.UpdatedFrom, false), UpdatedTo = At(f.UpdatedTo, true),
        };
    }

    public Task<IQueryable<SavedView>> VisibleAsync(Actor actor, CancellationToken ct) => db.SavedViews.AsNoTracking().VisibleTo(db, actor, ct);

    public async Task<SavedView> LoadForChangeAsync(long id, Actor actor, CancellationToken ct) =>
        SharedOrPersonal.EnsureMayChange(await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id, ct), id, "View", actor);

    /// <summary>The views listed together with this one (all shared views, or one agent's), in sidebar order.</summary>
    public Task<List<SavedView>> SiblingsAsync(long? ownerId, CancellationToken ct) =>
        db.SavedViews.Where(v => v.OwnerId == ownerId).OrderBy(v => v.Position).ThenBy(v => v.Id).ToListAsync(ct);

    private static List<string>? Wire<T>(Validator v, string field, IReadOnlyList<string>? values) where T : struct, Enum
    {
        var parsed = (values ?? []).Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => TicketInputs.ParseEnum<T>(v, field, s.Trim())).OfType<T>().Distinct()
            .Select(x => TicketStatusRules.ToWire(x)).ToList();
        return parsed.Count == 0 ? null : parsed;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
