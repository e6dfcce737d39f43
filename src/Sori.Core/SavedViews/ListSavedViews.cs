using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Tickets;

namespace Sori.Core.SavedViews;

/// <summary>The views the caller may open, shared first, each list in its order; with ticket counts when asked.</summary>
public sealed class ListSavedViews(SavedViewInputs inputs, CountTickets count)
{
    public async Task<IReadOnlyList<SavedViewView>> Handle(bool withCounts, Actor actor, CancellationToken ct)
    {
        var views = await (await inputs.VisibleAsync(actor, ct))
            .OrderBy(v => v.OwnerId == null ? 0 : 1).ThenBy(v => v.Position).ThenBy(v => v.Id).ToListAsync(ct);
        var items = views.Select(SavedViewView.From).ToList();
        if (!withCounts || items.Count == 0) return items;
        var zone = await inputs.ZoneAsync(ct);
        var counts = await count.Handle(views.ToDictionary(v => v.Id.ToString(), v => inputs.ToQuery(v.Filters, zone)), actor, ct);
        return items.Select(v => v with { Count = counts[v.Id.ToString()] }).ToList();
    }

    public async Task<SavedViewView> Get(long id, Actor actor, CancellationToken ct) =>
        SavedViewView.From(await (await inputs.VisibleAsync(actor, ct)).FirstOrDefaultAsync(v => v.Id == id, ct)
                           ?? throw new NotFoundException("View", id));

    /// <summary>The ticket query of a view the caller may open.</summary>
    public async Task<TicketQuery> QueryOf(long id, Actor actor, CancellationToken ct) =>
        inputs.ToQuery((await Get(id, actor, ct)).Filters, await inputs.ZoneAsync(ct));
}
