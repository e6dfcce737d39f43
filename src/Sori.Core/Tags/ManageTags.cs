using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Tags;

public sealed record TagRequest(string? Name = null, string? Description = null);

/// <summary>A tag with how many tickets carry it; <see cref="IsDefined"/> when it is in the desk's list.</summary>
public sealed record TagView(string Name, string? Description, int Tickets, bool IsDefined);

/// <summary>The desk's list of tags: defined ones (offered to agents) and the ones tickets already carry.</summary>
public sealed class ManageTags(SoriDbContext db, TimeProvider clock)
{
    public const int DescriptionMax = 500;
    public const int ListMax = 1000;

    public async Task<TagDefinition> Create(TagRequest r, CancellationToken ct)
    {
        var v = new Validator();
        var name = CheckName(v, r.Name);
        v.Text("description", r.Description, DescriptionMax);
        if (name is not null && await db.TagDefinitions.AnyAsync(t => t.Name == name, ct)) v.Add("name", "This tag already exists.");
        v.ThrowIfInvalid();
        var tag = new TagDefinition(name!, Blank(r.Description), clock.GetUtcNow().UtcDateTime);
        db.TagDefinitions.Add(tag);
        await db.SaveChangesAsync(ct);
        return tag;
    }

    public async Task<TagDefinition> Update(string name, TagRequest r, CancellationToken ct)
    {
        new Validator().Text("description", r.Description, DescriptionMax)
            .When(r.Name is not null && Ticket.NormalizeTag(r.Name) != Ticket.NormalizeTag(name), "name", "cannot change; define a new tag instead.")
            .ThrowIfInvalid();
        var key = Ticket.NormalizeTag(name);
        var tag = await db.TagDefinitions.FirstOrDefaultAsync(t => t.Name == key, ct) ?? throw new NotFoundException("Tag", key);
        if (r.Description is not null) tag.Description = Blank(r.Description);
        await db.SaveChangesAsync(ct);
        return tag;
    }

    /// <summary>Takes the tag off the desk's list; tickets that carry it keep it.</summary>
    public async Task Delete(string name, CancellationToken ct)
    {
        var key = Ticket.NormalizeTag(name);
        var tag = await db.TagDefinitions.FirstOrDefaultAsync(t => t.Name == key, ct) ?? throw new NotFoundException("Tag", key);
        db.TagDefinitions.Remove(tag);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Defined tags and tags in use, most used first, optionally those starting with a prefix.</summary>
    public async Task<IReadOnlyList<TagView>> List(string? prefix, int? limit, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 100, 1, ListMax);
        var start = string.IsNullOrWhiteSpace(prefix) ? null : Ticket.NormalizeTag(prefix);
        var used = db.TicketTags.AsNoTracking();
        var defined = db.TagDefinitions.AsNoTracking();
        if (start is not null)
        {
            used = used.Where(t => t.Name.StartsWith(start));
            defined = defined.Where(t => t.Name.StartsWith(start));
        }
        var counts = await used.GroupBy(t => t.Name).Select(g => new { Name = g.Key, Tickets = g.Count() })
            .OrderByDescending(t => t.Tickets).ThenBy(t => t.Name).Take(take).ToListAsync(ct);
        var definitions = await defined.OrderBy(t => t.Name).Take(take).ToListAsync(ct);
        // A defined tag outside the most used ones still shows its own count.
        var missing = definitions.Select(d => d.Name).Where(n => counts.All(c => c.Name != n)).ToList();
        var extra = missing.Count == 0 ? [] : await db.TicketTags.AsNoTracking().Where(t => missing.Contains(t.Name))
            .GroupBy(t => t.Name).Select(g => new { Name = g.Key, Tickets = g.Count() }).ToListAsync(ct);
        var byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        return counts.Concat(extra)
            .Select(c => new TagView(c.Name, byName.GetValueOrDefault(c.Name)?.Description, c.Tickets, byName.ContainsKey(c.Name)))
            .Concat(definitions.Where(d => counts.All(c => c.Name != d.Name) && extra.All(c => c.Name != d.Name))
                .Select(d => new TagView(d.Name, d.Description, 0, true)))
            .OrderByDescending(t => t.Tickets).ThenBy(t => t.Name, StringComparer.Ordinal).Take(take).ToList();
    }

    private static string? CheckName(Validator v, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) { v.Add("name", "is required."); return null; }
        TicketInputs.CheckTags(v, "name", [name]);
        return Ticket.NormalizeTag(name);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
