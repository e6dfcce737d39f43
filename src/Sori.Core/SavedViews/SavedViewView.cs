namespace Sori.Core.SavedViews;

/// <summary>A view as the API and the sidebar show it; <c>count</c> when asked for, capped like the inbox's counts.</summary>
public sealed record SavedViewView(
    long Id, string Name, string Scope, long? TeamId, long? OwnerId, int Position, SavedViewFilters Filters,
    DateTime CreatedAt, DateTime UpdatedAt, int? Count = null)
{
    public const string Shared = "shared";
    public const string Personal = "personal";

    public static SavedViewView From(SavedView v) => new(v.Id, v.Name, v.IsShared ? Shared : Personal, v.TeamId, v.OwnerId,
        v.Position, v.Filters, v.CreatedAt, v.UpdatedAt);
}
