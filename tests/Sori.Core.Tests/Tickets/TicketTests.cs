using Sori.Core.Common;
using Sori.Core.Customers;
using Sori.Core.Tickets;

namespace Sori.Core.Tests.Tickets;

public class TicketTests
{
    private static readonly DateTime Now = new(2026, 1, 5, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Agent = new(ActorKind.Agent, 7, "이상담", Roles.Agent);

    private static Ticket NewTicket() =>
        Ticket.Create(1001, "  배송이 안 와요  ", new Customer("고객", Now), TicketChannel.Email, TicketPriority.Normal, TicketType.Question, Actor.System, Now);

    [Fact]
    public void Create_StartsNew_TrimsSubject_RecordsCreatedEvent()
    {
        var t = NewTicket();
        Assert.Equal(TicketStatus.New, t.Status);
        Assert.Equal("배송이 안 와요", t.Subject);
        Assert.Equal("#1001", t.DisplayNumber);
        Assert.Equal("created", Assert.Single(t.Events).Kind);
        Assert.Equal("ticket.created", Assert.Single(t.PendingDomainEvents).Build().Name);
    }

    [Theory]
    [InlineData(TicketStatus.New, TicketStatus.Closed)]
    [InlineData(TicketStatus.Open, TicketStatus.New)]
    [InlineData(TicketStatus.Open, TicketStatus.Closed)]
    public void ChangeStatus_ForbiddenMove_Throws(TicketStatus from, TicketStatus to)
    {
        var t = NewTicket();
        if (from != TicketStatus.New) t.ChangeStatus(from, Agent, Now);
        var e = Assert.Throws<ConflictException>(() => t.ChangeStatus(to, Agent, Now));
        Assert.Equal("status", e.Field);
        Assert.Equal(from, t.Status);
    }

    [Fact]
    public void ChangeStatus_SolveThenReopen_ClearsSolvedAt_ClosedIsFinal()
    {
        var t = NewTicket();
        t.ChangeStatus(TicketStatus.Solved, Agent, Now);
        Assert.Equal(Now, t.SolvedAt);
        t.ChangeStatus(TicketStatus.Open, Agent, Now.AddHours(1));
        Assert.Null(t.SolvedAt);
        t.ChangeStatus(TicketStatus.Solved, Agent, Now.AddHours(2));
        t.ChangeStatus(TicketStatus.Closed, Agent, Now.AddHours(3));
        Assert.Throws<ConflictException>(() => t.SetPriority(TicketPriority.High, Agent, Now));
        Assert.Throws<ConflictException>(() => t.AddNote(Agent, "x", null, Now));
        var statusEvents = t.Events.Where(e => e.Kind == "status_changed").Select(e => $"{e.OldValue}>{e.NewValue}");
        Assert.Equal(["new>solved", "solved>open", "open>solved", "solved>closed"], statusEvents);
    }

    [Fact]
    public void AgentReply_SetsFirstResponseOnce_AndOpensNewTicket()
    {
        var t = NewTicket();
        t.AddReply(Agent, "안녕하세요", null, Now.AddMinutes(5));
        t.AddReply(Agent, "추가 안내", null, Now.AddMinutes(9), TicketStatus.Pending);
        Assert.Equal(Now.AddMinutes(5), t.FirstResponseAt);
        Assert.Equal(TicketStatus.Pending, t.Status);
        Assert.Equal(2, t.Messages.Count);
    }

    [Fact]
    public void Note_DoesNotCountAsFirstResponse()
    {
        var t = NewTicket();
        var note = t.AddNote(Agent, "내부 메모", null, Now);
        Assert.Equal(MessageVisibility.Internal, note.Visibility);
        Assert.Null(t.FirstResponseAt);
        Assert.Equal(TicketStatus.New, t.Status);
    }

    [Fact]
    public void CustomerMessage_ReopensPendingButNotOnHold()
    {
        var t = NewTicket();
        var customer = new Customer("고객", Now);
        t.ChangeStatus(TicketStatus.Pending, Agent, Now);
        t.AddCustomerMessage(customer, "답장", null, TicketChannel.Email, null, Actor.System, Now);
        Assert.Equal(TicketStatus.Open, t.Status);
        t.ChangeStatus(TicketStatus.OnHold, Agent, Now);
        t.AddCustomerMessage(customer, "또", null, TicketChannel.Email, null, Actor.System, Now);
        Assert.Equal(TicketStatus.OnHold, t.Status);
    }

    [Fact]
    public void Tags_AreNormalizedAndUnique_RemoveRecordsEvent()
    {
        var t = NewTicket();
        t.AddTags(["VIP", "vip", " Late Delivery "], Agent, Now);
        Assert.Equal(["late-delivery", "vip"], t.TagNames.Order());
        t.SetTags(["vip"], Agent, Now);
        Assert.Equal(["vip"], t.TagNames);
        Assert.Contains(t.Events, e => e.Kind == "tag_removed" && e.OldValue == "late-delivery");
    }

    [Fact]
    public void Assign_SameAgentTwice_RecordsOnce()
    {
        var t = NewTicket();
        t.Assign(7, Agent, Now);
        t.Assign(7, Agent, Now);
        Assert.Single(t.Events, e => e.Kind == "assigned");
    }

    [Fact]
    public void StatusWireNames_RoundTrip()
    {
        Assert.Equal("on_hold", TicketStatusRules.ToWire(TicketStatus.OnHold));
        Assert.True(TicketStatusRules.TryParseWire<TicketStatus>("on_hold", out var s));
        Assert.Equal(TicketStatus.OnHold, s);
        Assert.False(TicketStatusRules.TryParseWire<TicketStatus>("OnHold", out _));
    }
}
