using Sori.Core.Tickets;

namespace Sori.Web.Features.Tickets;

/// <summary>The inbox's fixed views, each a ticket query; filters chosen on the page narrow or replace its parts.</summary>
public static class InboxViews
{
    public static readonly string[] Names = ["mine", "unassigned", "team", "all", "pending", "solved"];
    private static readonly string[] Unsolved = ["new", "open", "pending", "on_hold"];

    /// <summary>The view's query, or null when it cannot apply (the team view for an agent without a team).</summary>
    public static TicketQuery? For(string view, long? myTeamId) => view switch
    {
        "mine" => new TicketQuery { Assignee = "me", Status = Unsolved },
        "unassigned" => new TicketQuery { Assignee = "none", Status = Unsolved },
        "team" => myTeamId is { } team ? new TicketQuery { TeamId = team, Status = Unsolved } : null,
        "pending" => new TicketQuery { Status = ["pending"] },
        "solved" => new TicketQuery { Status = ["solved"] },
        _ => new TicketQuery(),
    };

    public sealed record Filters(string? Status, string? Priority, string? Channel, long? Team, string? Assignee, string? Tag, string? Sort);

    public static TicketQuery Narrow(TicketQuery view, Filters f) => view with
    {
        Status = string.IsNullOrEmpty(f.Status) ? view.Status : [f.Status],
        Priority = string.IsNullOrEmpty(f.Priority) ? view.Priority : [f.Priority],
        Channel = string.IsNullOrEmpty(f.Channel) ? view.Channel : f.Channel,
        TeamId = f.Team ?? view.TeamId,
        Assignee = string.IsNullOrEmpty(f.Assignee) ? view.Assignee : f.Assignee,
        Tag = string.IsNullOrWhiteSpace(f.Tag) ? view.Tag : f.Tag,
        Sort = string.IsNullOrEmpty(f.Sort) ? view.Sort : f.Sort,
    };
}
