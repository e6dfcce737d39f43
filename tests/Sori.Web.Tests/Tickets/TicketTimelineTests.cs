using Sori.Core.Tickets;
using Sori.Web.Features.Tickets;

namespace Sori.Web.Tests.Tickets;

public sealed class TicketTimelineTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static MessageView Message(long id, int minute, string visibility = "public") =>
        new(id, 1, visibility, "agent", 1, null, "상담원", "본문", null, "email", null, T0.AddMinutes(minute), []);

    private static TicketEventView Event(long id, int minute, string kind) =>
        new(id, T0.AddMinutes(minute), "Agent", 1, "상담원", kind, null, null, null);

    [Fact]
    public void Merge_MessagesAndEvents_InTimeOrderWithoutTheCreationEvent()
    {
        var items = TicketTimeline.Merge(
            [Message(10, 0), Message(11, 5, "internal")],
            [Event(1, 0, "created"), Event(2, 3, "assigned"), Event(3, 5, "status_changed")]);

        Assert.Collection(items,
            i => Assert.Equal(10, Assert.IsType<TicketTimeline.MessageItem>(i).Message.Id),
            i => Assert.Equal("assigned", Assert.IsType<TicketTimeline.EventItem>(i).Event.Kind),
            i => Assert.Equal(11, Assert.IsType<TicketTimeline.MessageItem>(i).Message.Id),
            i => Assert.Equal("status_changed", Assert.IsType<TicketTimeline.EventItem>(i).Event.Kind));
    }
}
