using Sori.Core.Common;

namespace Sori.Core.SavedViews;

/// <summary>
/// A named ticket list in the inbox sidebar, built from filters. Shared views (no owner) are
/// defined by admins, optionally for one team; personal views belong to one agent.
/// </summary>
public sealed class SavedView : ISharedOrPersonal
{
    public long Id { get; private set; }
    public string Name { get; set; } = "";
    public long? OwnerId { get; private set; }
    public long? TeamId { get; set; }
    /// <summary>Order in the sidebar among the views of the same kind (shared, or one agent's).</summary>
    public int Position { get; set; }
    public SavedViewFilters Filters { get; set; } = new();
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; set; }

    private SavedView() { }

    public SavedView(string name, long? ownerId, long? teamId, int position, SavedViewFilters filters, DateTime now)
    {
        Name = name;
        OwnerId = ownerId;
        TeamId = teamId;
        Position = position;
        Filters = filters;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public bool IsShared => OwnerId is null;
}

/// <summary>
/// A view's filters; absent ones do not filter. Status and priority take several wire names
/// (any of them matches); assignee is "me" (whoever looks at the view), "none" or an agent id.
/// The ranges take an absolute time ("2026-03-01", "2026-03-01T09:00" in the desk's time zone, or
/// with an offset) or one relative to now ("-7d", "-12h", "-30m", "-2w"); "from" is inclusive,
/// "to" exclusive, except that a "to" date without a time includes that day. Sort is one of
/// "-created" (default), "created", "-updated", "updated".
/// </summary>
public sealed record SavedViewFilters(
    IReadOnlyList<string>? Status = null, IReadOnlyList<string>? Priority = null, string? Channel = null,
    long? TeamId = null, string? Assignee = null, string? Tag = null, long? CustomerId = null,
    string? CreatedFrom = null, string? CreatedTo = null, string? UpdatedFrom = null, string? UpdatedTo = null,
    string? Sort = null);
