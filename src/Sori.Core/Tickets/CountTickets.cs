using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

/// <summary>
/// How many tickets match each of several queries (the inbox's view counts). Counting stops at
/// <see cref="Cap"/> so a view over a million tickets costs no more than a page of them.
/// </summary>
public sealed class CountTickets(SoriDbContext db)
{
    public const int Cap = 999;

    /// <summary>The count per key; a value above <see cref="Cap"/> means "more than the cap".</summary>
    public async Task<IReadOnlyDictionary<string, int>> Handle(IReadOnlyDictionary<string, TicketQuery> queries, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var filtered = new Dictionary<string, IQueryable<Ticket>>();
        foreach (var (key, query) in queries)
            filtered[key] = ListTickets.Filtered(db, query, actor, v, await ListTickets.IsRareTagAsync(db, query, ct));
        v.ThrowIfInvalid();
        var counts = new Dictionary<string, int>();
        foreach (var (key, tickets) in filtered)
            counts[key] = await tickets.Select(t => t.Id).Take(Cap + 1).CountAsync(ct);
        return counts;
    }
}
