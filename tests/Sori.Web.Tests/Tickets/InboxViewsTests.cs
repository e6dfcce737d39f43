using Sori.Core.Tickets;
using Sori.Web.Features.Tickets;

namespace Sori.Web.Tests.Tickets;

public sealed class InboxViewsTests
{
    [Fact]
    public void For_Mine_IsMyUnsolvedTickets()
    {
        var q = InboxViews.For("mine", null)!;
        Assert.Equal("me", q.Assignee);
        Assert.Equal(["new", "open", "pending", "on_hold"], q.Status);
    }

    [Fact]
    public void For_TeamWithoutTeam_IsNull() => Assert.Null(InboxViews.For("team", null));

    [Fact]
    public void For_TeamWithTeam_FiltersByTeam() => Assert.Equal(7, InboxViews.For("team", 7)!.TeamId);

    [Fact]
    public void Narrow_StatusFilter_ReplacesTheViewsStatusesAndKeepsTheRest()
    {
        var q = InboxViews.Narrow(InboxViews.For("unassigned", null)!, new("pending", "high", null, 3, null, "vip", "-updated"));
        Assert.Equal(["pending"], q.Status);
        Assert.Equal(["high"], q.Priority);
        Assert.Equal("none", q.Assignee);
        Assert.Equal(3, q.TeamId);
        Assert.Equal("vip", q.Tag);
        Assert.Equal("-updated", q.Sort);
    }

    [Fact]
    public void Narrow_NoFilters_LeavesTheViewAsItIs()
    {
        var view = InboxViews.For("solved", null)!;
        Assert.Equal(view, InboxViews.Narrow(view, new(null, "", null, null, "", " ", null)) with { Status = view.Status });
    }
}
