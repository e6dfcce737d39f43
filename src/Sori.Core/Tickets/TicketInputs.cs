using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Fields;

namespace Sori.Core.Tickets;

/// <summary>Parsing and checks shared by the ticket use cases (create, update, bulk update).</summary>
public sealed class TicketInputs(SoriDbContext db)
{
    public static T? ParseEnum<T>(Validator v, string field, string? text) where T : struct, Enum
    {
        if (text is null) return null;
        if (TicketStatusRules.TryParseWire<T>(text, out var value)) return value;
        var allowed = string.Join(", ", Enum.GetValues<T>().Select(e => TicketStatusRules.ToWire(e)));
        v.Add(field, $"must be one of: {allowed}.");
        return null;
    }

    public static void CheckTags(Validator v, string field, IReadOnlyCollection<string>? tags)
    {
        if (tags is null) return;
        if (tags.Count > Limits.Tags) v.Add(field, $"must have at most {Limits.Tags} tags.");
        foreach (var tag in tags)
        {
            if (string.IsNullOrWhiteSpace(tag)) { v.Add(field, "must not contain empty tags."); continue; }
            v.Text(field, tag, Limits.Tag);
            if (tag.Any(c => c is ',' or '"' or '\'')) v.Add(field, "tags must not contain commas or quotes.");
        }
    }

    public async Task CheckAssigneeAsync(Validator v, long? agentId, CancellationToken ct)
    {
        if (agentId is not { } id) return;
        if (!await db.Agents.AnyAsync(a => a.Id == id && a.IsActive, ct)) v.Add("assigneeId", $"Agent {id} does not exist or is inactive.");
    }

    public async Task CheckTeamAsync(Validator v, long? teamId, CancellationToken ct)
    {
        if (teamId is not { } id) return;
        if (!await db.Teams.AnyAsync(t => t.Id == id, ct)) v.Add("teamId", $"Team {id} does not exist.");
    }

    /// <summary>Validates values against the admin-defined ticket fields and returns them normalized.</summary>
    public Task<Dictionary<string, string?>> NormalizeFieldsAsync(Validator v, IReadOnlyDictionary<string, object?>? values, CancellationToken ct) =>
        CustomFieldValues.NormalizeAsync(db, CustomFieldEntity.Ticket, v, values, ct);
}
