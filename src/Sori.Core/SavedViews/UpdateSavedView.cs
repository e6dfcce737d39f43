using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.SavedViews;

/// <summary>
/// Absent fields stay as they are; <c>filters</c>, when given, replace the old ones whole.
/// <c>position</c> moves the view to that place (0 = first) among the views listed with it.
/// </summary>
public sealed record UpdateSavedViewRequest
{
    public string? Name { get; init; }
    public Maybe<long?> TeamId { get; init; }
    public SavedViewFilters? Filters { get; init; }
    public int? Position { get; init; }
}

public sealed class UpdateSavedView(SoriDbContext db, SavedViewInputs inputs, TimeProvider clock)
{
    public async Task<SavedView> Handle(long id, UpdateSavedViewRequest r, Actor actor, CancellationToken ct)
    {
        var view = await inputs.LoadForChangeAsync(id, actor, ct);
        var v = new Validator();
        SavedViewInputs.CheckName(v, r.Name, required: false);
        var filters = r.Filters is null ? view.Filters : await inputs.CheckFiltersAsync(v, r.Filters, ct);
        if (r.TeamId.IsSet)
        {
            v.When(!view.IsShared && r.TeamId.Value is not null, "teamId", "only a shared view is limited to a team.");
            await inputs.CheckTeamAsync(v, r.TeamId.Value, ct);
        }
        v.When(r.Position is < 0, "position", "must be 0 or more.");
        v.ThrowIfInvalid();
        var siblings = await inputs.SiblingsAsync(view.OwnerId, ct);
        if (r.Name is { } name && siblings.Any(s => s.Id != id && string.Equals(s.Name, name.Trim(), StringComparison.CurrentCultureIgnoreCase)))
            throw ValidationException.For("name", "A view with this name already exists.");

        if (r.Name is not null) view.Name = r.Name.Trim();
        if (r.TeamId.IsSet && view.IsShared) view.TeamId = r.TeamId.Value;
        view.Filters = filters;
        if (r.Position is { } position) Move(siblings, view, position);
        view.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return view;
    }

    /// <summary>Renumbers the list with the view at its new place, so positions stay 0..n-1 without gaps or ties.</summary>
    private static void Move(List<SavedView> siblings, SavedView view, int position)
    {
        var order = siblings.Where(s => s.Id != view.Id).ToList();
        order.Insert(Math.Min(position, order.Count), siblings.First(s => s.Id == view.Id));
        for (var i = 0; i < order.Count; i++) order[i].Position = i;
    }
}
