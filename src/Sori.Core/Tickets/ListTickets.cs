using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

public sealed record TicketQuery
{
    public IReadOnlyList<string>? Status { get; init; }
    public IReadOnlyList<string>? Priority { get; init; }
    /// <summary>An agent id, "me" or "none".</summary>
    public string? Assignee { get; init; }
    public long? TeamId { get; init; }
    public string? Tag { get; init; }
    public string? Channel { get; init; }
    public long? CustomerId { get; init; }
    /// <summary>Tickets whose requester belongs to this organization.</summary>
    public long? OrganizationId { get; init; }
    public DateTime? CreatedFrom { get; init; }
    public DateTime? CreatedTo { get; init; }
    public DateTime? UpdatedFrom { get; init; }
    public DateTime? UpdatedTo { get; init; }
    /// <summary>"-created" (default), "created", "-updated" or "updated".</summary>
    public string? Sort { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

/// <summary>Filtered ticket lists with keyset paging: every page costs the same, however deep.</summary>
public sealed class ListTickets(SoriDbContext db)
{
    public const int MaxLimit = 200;
    private static readonly string[] Sorts = ["-created", "created", "-updated", "updated"];

    public async Task<Page<TicketSummary>> Handle(TicketQuery q, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var sort = q.Sort ?? "-created";
        v.When(!Sorts.Contains(sort), "sort", $"must be one of: {string.Join(", ", Sorts)}");
        var limit = q.Limit ?? 50;
        v.When(limit is < 1 or > MaxLimit, "limit", $"must be between 1 and {MaxLimit}.");
        var cursor = Cursor.TryDecode(q.Cursor, sort, out var c) ? c : (Cursor?)null;
        v.When(q.Cursor is not null && cursor is null, "cursor", "is not a cursor from this listing.");
        var t = Filtered(db, q, actor, v, await IsRareTagAsync(db, q, ct));
        v.ThrowIfInvalid();

        t = ApplyOrder(t, sort, cursor);

        var rows = await t.Take(limit + 1).Select(x => new
        {
            x.Id, x.Number, x.Subject, x.Status, x.Priority, x.Channel, x.Type, x.RequesterId,
            RequesterName = x.Requester!.Name,
            // The customer's first address, as on the ticket itself (Customer.PrimaryEmail): one index lookup per row of the page.
            // EF reads "no address" as "" (the column is not nullable); an address is never empty, so "" means none.
            RequesterEmail = x.Requester.Emails.OrderBy(e => e.Id).Select(e => e.Address).FirstOrDefault(),
            x.AssigneeId, x.TeamId, x.CreatedAt, x.UpdatedAt,
        }).ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        var ids = page.Select(r => r.Id).ToList();
        var tags = ids.Count == 0 ? [] : await db.TicketTags.AsNoTracking().Where(g => ids.Contains(g.TicketId))
            .Select(g => new { g.TicketId, g.Name }).ToListAsync(ct);
        var items = page.Select(r => new TicketSummary(r.Id, r.Number, r.Subject, TicketStatusRules.ToWire(r.Status),
            TicketStatusRules.ToWire(r.Priority), TicketStatusRules.ToWire(r.Channel), TicketStatusRules.ToWire(r.Type),
            new PersonRef(r.RequesterId, r.RequesterName, string.IsNullOrEmpty(r.RequesterEmail) ? null : r.RequesterEmail), r.AssigneeId, r.TeamId,
            tags.Where(g => g.TicketId == r.Id).Select(g => g.Name).Order().ToList(), r.CreatedAt, r.UpdatedAt)).ToList();
        var next = rows.Count > limit ? new Cursor(page[^1].UpdatedAt, page[^1].Id).Encode(sort) : null;
        return new Page<TicketSummary>(items, next);
    }

    /// <summary>
    /// The tickets matching the query's filters, unordered; problems with the filters go to <paramref name="v"/>.
    /// <paramref name="rareTag"/>: see <see cref="IsRareTagAsync"/>.
    /// </summary>
    public static IQueryable<Ticket> Filtered(SoriDbContext db, TicketQuery q, Actor actor, Validator v, bool rareTag = false)
    {
        var statuses = ParseAll<TicketStatus>(v, "status", q.Status);
        var priorities = ParseAll<TicketPriority>(v, "priority", q.Priority);
        var channel = TicketInputs.ParseEnum<TicketChannel>(v, "channel", q.Channel);
        long? assigneeId = null;
        var unassigned = false;
        switch (q.Assignee)
        {
            case null: break;
            case "none": unassigned = true; break;
            case "me": assigneeId = actor.AgentId ?? -1; break;
            default:
                if (long.TryParse(q.Assignee, out var a)) assigneeId = a;
                else v.Add("assignee", "must be an agent id, me or none.");
                break;
        }

        var t = db.Tickets.AsNoTracking();
        if (statuses.Count == 1) { var s = statuses[0]; t = t.Where(x => x.Status == s); }
        else if (statuses.Count > 1) t = t.Where(x => statuses.Contains(x.Status));
        if (priorities.Count == 1) { var p = priorities[0]; t = t.Where(x => x.Priority == p); }
        else if (priorities.Count > 1) t = t.Where(x => priorities.Contains(x.Priority));
        if (channel is { } ch) t = t.Where(x => x.Channel == ch);
        if (unassigned) t = t.Where(x => x.AssigneeId == null);
        if (assigneeId is { } aid) t = t.Where(x => x.AssigneeId == aid);
        if (q.TeamId is { } team) t = t.Where(x => x.TeamId == team);
        if (q.CustomerId is { } cust) t = t.Where(x => x.RequesterId == cust);
        if (q.OrganizationId is { } org) t = t.Where(x => x.Requester!.OrganizationId == org);
        if (!string.IsNullOrWhiteSpace(q.Tag)) t = WithTag(db, t, Ticket.NormalizeTag(q.Tag), rareTag);
        if (q.CreatedFrom is { } cf) t = t.Where(x => x.CreatedAt >= cf);
        if (q.CreatedTo is { } cto) t = t.Where(x => x.CreatedAt < cto);
        if (q.UpdatedFrom is { } uf) t = t.Where(x => x.UpdatedAt >= uf);
        if (q.UpdatedTo is { } uto) t = t.Where(x => x.UpdatedAt < uto);
        return t;
    }

    /// <summary>Up to this many tickets with a tag, a list or count starts from the tag's tickets rather than from all tickets.</summary>
    public const int RareTagTickets = 10_000;

    /// <summary>
    /// Whether few tickets carry the query's tag. A database walks one index per table: from the
    /// tickets in page order, checking each for the tag, a tag on 10 of a million tickets costs a
    /// scan of all of them; from the tag's tickets, a tag on half of them costs sorting half a
    /// million. Counting the tag's tickets first (one covering index, stopped at the threshold)
    /// picks the side that stays cheap.
    /// </summary>
    public static async Task<bool> IsRareTagAsync(SoriDbContext db, TicketQuery q, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q.Tag) || q.Tag.Length > Limits.Tag) return false;
        var tag = Ticket.NormalizeTag(q.Tag);
        return await db.TicketTags.Where(g => g.Name == tag).Take(RareTagTickets + 1).CountAsync(ct) <= RareTagTickets;
    }

    private static IQueryable<Ticket> WithTag(SoriDbContext db, IQueryable<Ticket> t, string tag, bool rare) => rare
        ? t.Where(x => db.TicketTags.Where(g => g.Name == tag).Select(g => g.TicketId).Contains(x.Id))
        : t.Where(x => x.Tags.Any(g => g.Name == tag));

    private static IQueryable<Ticket> ApplyOrder(IQueryable<Ticket> t, string sort, Cursor? c) => sort switch
    {
        "created" => (c is { } k ? t.Where(x => x.Id > k.Id) : t).OrderBy(x => x.Id),
        "-updated" => (c is { } k ? t.Where(x => x.UpdatedAt < k.At || (x.UpdatedAt == k.At && x.Id < k.Id)) : t)
            .OrderByDescending(x => x.UpdatedAt).ThenByDescending(x => x.Id),
        "updated" => (c is { } k ? t.Where(x => x.UpdatedAt > k.At || (x.UpdatedAt == k.At && x.Id > k.Id)) : t)
            .OrderBy(x => x.UpdatedAt).ThenBy(x => x.Id),
        _ => (c is { } k ? t.Where(x => x.Id < k.Id) : t).OrderByDescending(x => x.Id),
    };

    private static List<T> ParseAll<T>(Validator v, string field, IReadOnlyList<string>? values) where T : struct, Enum =>
        (values ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => TicketInputs.ParseEnum<T>(v, field, s)).OfType<T>().Distinct().ToList();

    /// <summary>An opaque position: the last row's sort key and id, bound to the sort it came from.</summary>
    private readonly record struct Cursor(DateTime At, long Id)
    {
        public string Encode(string sort) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{sort}|{At.Ticks.ToString(CultureInfo.InvariantCulture)}|{Id.ToString(CultureInfo.InvariantCulture)}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static bool TryDecode(string? text, string sort, out Cursor cursor)
        {
            cursor = default;
            if (string.IsNullOrEmpty(text) || text.Length > 200) return false;
            try
            {
                var b64 = text.Replace('-', '+').Replace('_', '/');
                b64 += new string('=', (4 - b64.Length % 4) % 4);
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('|');
                if (parts.Length != 3 || parts[0] != sort) return false;
                if (!long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks) || ticks < 0 || ticks > DateTime.MaxValue.Ticks) return false;
                if (!long.TryParse(parts[2], CultureInfo.InvariantCulture, out var id)) return false;
                cursor = new Cursor(new DateTime(ticks, DateTimeKind.Utc), id);
                return true;
            }
            catch (FormatException) { return false; }
        }
    }
}
