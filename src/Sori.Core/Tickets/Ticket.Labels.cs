using Sori.Core.Common;

namespace Sori.Core.Tickets;

public sealed class TicketTag
{
    public long TicketId { get; private set; }
    public string Name { get; private set; } = "";
    private TicketTag() { }
    internal TicketTag(string name) => Name = name;
}

public sealed class TicketFollower
{
    public long TicketId { get; private set; }
    public long AgentId { get; private set; }
    private TicketFollower() { }
    internal TicketFollower(long agentId) => AgentId = agentId;
}

public sealed partial class Ticket
{
    public IEnumerable<string> TagNames => Tags.Select(t => t.Name);

    /// <summary>Tags are lower-cased, trimmed and unique. Requires <see cref="Tags"/> loaded.</summary>
    public static string NormalizeTag(string tag) => tag.Trim().ToLowerInvariant().Replace(' ', '-');

    public void AddTags(IEnumerable<string> tags, Actor actor, DateTime now)
    {
        EnsureOpenForChanges();
        foreach (var tag in tags.Select(NormalizeTag).Distinct())
        {
            if (tag.Length == 0 || Tags.Any(t => t.Name == tag)) continue;
            Tags.Add(new TicketTag(tag));
            Record(actor, now, "tag_added", "tags", null, tag);
            RaiseUpdated(now, "tags", null, tag);
        }
    }

    public void RemoveTags(IEnumerable<string> tags, Actor actor, DateTime now)
    {
        EnsureOpenForChanges();
        foreach (var tag in tags.Select(NormalizeTag).Distinct())
        {
            var existing = Tags.FirstOrDefault(t => t.Name == tag);
            if (existing is null) continue;
            Tags.Remove(existing);
            Record(actor, now, "tag_removed", "tags", tag, null);
            RaiseUpdated(now, "tags", tag, null);
        }
    }

    public void SetTags(IEnumerable<string> tags, Actor actor, DateTime now)
    {
        var wanted = tags.Select(NormalizeTag).Where(t => t.Length > 0).ToHashSet();
        RemoveTags(TagNames.Where(t => !wanted.Contains(t)).ToList(), actor, now);
        AddTags(wanted, actor, now);
    }

    /// <summary>Sets (or with null clears) a custom field value, already validated and normalized by its definition.</summary>
    public void SetCustomField(string key, string? value, Actor actor, DateTime now)
    {
        EnsureOpenForChanges();
        CustomFields.TryGetValue(key, out var old);
        if (old == value) return;
        if (value is null) CustomFields.Remove(key);
        else CustomFields[key] = value;
        // A new dictionary instance so change tracking sees the JSON column change.
        CustomFields = new Dictionary<string, string>(CustomFields, StringComparer.Ordinal);
        Record(actor, now, "field_changed", "custom." + key, old, value);
        RaiseUpdated(now, "custom." + key, old, value);
    }

    public void Follow(long agentId, Actor actor, DateTime now)
    {
        if (Followers.Any(f => f.AgentId == agentId)) return;
        Followers.Add(new TicketFollower(agentId));
        Record(actor, now, "follower_added", "followers", null, agentId.ToString());
    }

    public void Unfollow(long agentId, Actor actor, DateTime now)
    {
        var existing = Followers.FirstOrDefault(f => f.AgentId == agentId);
        if (existing is null) return;
        Followers.Remove(existing);
        Record(actor, now, "follower_removed", "followers", agentId.ToString(), null);
    }
}
