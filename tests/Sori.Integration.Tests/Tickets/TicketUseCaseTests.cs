using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Fields;
using Sori.Core.Tickets;
using Sori.Testing;

namespace Sori.Integration.Tests.Tickets;

public sealed class TicketUseCaseTests_Sqlite(SqliteDatabase db) : TicketUseCaseTests(db), IClassFixture<SqliteDatabase>;
public sealed class TicketUseCaseTests_Postgres(PostgresDatabase db) : TicketUseCaseTests(db), IClassFixture<PostgresDatabase>;

public abstract class TicketUseCaseTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;
    private readonly Actor _system = Actor.System;

    public Task InitializeAsync()
    {
        _services = database.CreateServices(clock: _clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> Run<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<Ticket> Create(string email, string subject = "환불 요청", string body = "주문한 상품을 환불하고 싶어요.",
        IReadOnlyList<string>? tags = null, IReadOnlyDictionary<string, object?>? fields = null, string? externalId = null) =>
        Run(sp => sp.GetRequiredService<CreateTicket>().Handle(
            new CreateTicketRequest(subject, body, null, new RequesterInput(null, "김민지", email, null, "ko"),
                Channel: "email", Tags: tags, CustomFields: fields, ExternalId: externalId), _system, default));

    private Task<T> Db<T>(Func<SoriDbContext, Task<T>> query) => Run(sp => query(sp.GetRequiredService<SoriDbContext>()));

    private async Task<Actor> NewAgent(string role = Roles.Agent)
    {
        var agent = await Db(async db =>
        {
            var a = new Agent { UserName = $"a{Guid.NewGuid():N}@shop.kr", Email = "x@shop.kr", DisplayName = "상담원", Role = role, CreatedAt = DateTime.UtcNow };
            db.Agents.Add(a);
            await db.SaveChangesAsync();
            return a;
        });
        return new Actor(ActorKind.Agent, agent.Id, agent.DisplayName, role);
    }

    [Fact]
    public async Task CreateTicket_NewEmail_CreatesCustomerTicketMessageAndEvents()
    {
        var email = $"minji{Guid.NewGuid():N}@example.kr";
        var ticket = await Create(email.ToUpperInvariant(), tags: ["VIP", " 환불 "]);

        var stored = await Db(db => db.Tickets.Include(t => t.Tags).Include(t => t.Requester).ThenInclude(c => c!.Emails)
            .SingleAsync(t => t.Id == ticket.Id));
        Assert.Equal(TicketStatus.New, stored.Status);
        Assert.Equal(TicketChannel.Email, stored.Channel);
        Assert.Equal(email, stored.Requester!.PrimaryEmail);
        Assert.Equal(["vip", "환불"], stored.TagNames.Order());
        var messages = await Db(db => db.Messages.Where(m => m.TicketId == ticket.Id).ToListAsync());
        var first = Assert.Single(messages);
        Assert.Equal(AuthorKind.Customer, first.AuthorKind);
        Assert.Equal(stored.RequesterId, first.AuthorCustomerId);
        Assert.Equal("주문한 상품을 환불하고 싶어요.", first.BodyText);
        var outbox = await Db(db => db.OutboxMessages.Where(o => o.Payload.Contains($"\"ticketId\":{ticket.Id},")).Select(o => o.Type).ToListAsync());
        Assert.Contains("ticket.created", outbox);
        Assert.Contains("message.created", outbox);
        var kinds = await Db(db => db.TicketEvents.Where(e => e.TicketId == ticket.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal(["created", "tag_added", "tag_added"], kinds.Order().ToList());
    }

    [Fact]
    public async Task CreateTicket_SameEmailTwice_ReusesCustomerAndNumbersIncrease()
    {
        var email = $"same{Guid.NewGuid():N}@example.com";
        var a = await Create(email);
        var b = await Create(email);
        Assert.Equal(a.RequesterId, b.RequesterId);
        Assert.Equal(a.Number + 1, b.Number);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "ok@example.com", "subject")]
    [InlineData("정상 제목", "not-an-email", "requester.email")]
    [InlineData("", "ok@example.com", "subject")]
    public async Task CreateTicket_BadInput_NamesFieldAndStoresNothing(string subject, string email, string field)
    {
        var before = await Db(db => db.Tickets.CountAsync());
        var customersBefore = await Db(db => db.Customers.CountAsync());
        var e = await Assert.ThrowsAsync<ValidationException>(() => Create(email, subject: subject));
        Assert.Contains(field, e.Errors.Keys);
        Assert.Equal(before, await Db(db => db.Tickets.CountAsync()));
        Assert.Equal(customersBefore, await Db(db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task CreateTicket_OverlongSubject_Rejected()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Create("a@example.com", subject: new string('가', Limits.Subject + 1)));
        Assert.Contains("subject", e.Errors.Keys);
    }

    [Fact]
    public async Task CreateTicket_HostileHtmlBody_IsSanitized()
    {
        var ticket = await Run(sp => sp.GetRequiredService<CreateTicket>().Handle(
            new CreateTicketRequest("HTML", null, "<p onclick=\"x()\">안녕하세요<script>alert(1)</script><img src=x onerror=alert(2)></p>",
                new RequesterInput(null, null, $"h{Guid.NewGuid():N}@example.com", null, null)), _system, default));
        var m = await Db(db => db.Messages.SingleAsync(x => x.TicketId == ticket.Id));
        Assert.DoesNotContain("script", m.BodyHtml);
        Assert.DoesNotContain("onerror", m.BodyHtml);
        Assert.DoesNotContain("onclick", m.BodyHtml);
        Assert.Equal("안녕하세요", m.BodyText);
    }

    [Fact]
    public async Task AgentReply_StampsFirstResponseAndOpens_CustomerReplyReopensSolved()
    {
        var agent = await NewAgent();
        var ticket = await Create($"r{Guid.NewGuid():N}@example.com");
        _clock.Advance(TimeSpan.FromMinutes(12));
        await Run(sp => sp.GetRequiredService<AddMessage>().Handle(ticket.Id, new AddMessageRequest("확인해 드리겠습니다.", null, Status: "solved"), agent, default));
        var solved = await Db(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id));
        Assert.Equal(TicketStatus.Solved, solved.Status);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, solved.FirstResponseAt);
        Assert.NotNull(solved.SolvedAt);

        await Run(sp => sp.GetRequiredService<AddMessage>().Handle(ticket.Id, new AddMessageRequest("아직 안 왔어요", null, Author: "customer"), _system, default));
        var reopened = await Db(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id));
        Assert.Equal(TicketStatus.Open, reopened.Status);
        Assert.Null(reopened.SolvedAt);
    }

    [Fact]
    public async Task Note_IsInternal_AndHiddenFromPublicListing()
    {
        var agent = await NewAgent();
        var ticket = await Create($"n{Guid.NewGuid():N}@example.com");
        await Run(sp => sp.GetRequiredService<AddMessage>().Handle(ticket.Id, new AddMessageRequest("VIP 고객", null, Visibility: "internal"), agent, default));
        var all = await Run(sp => sp.GetRequiredService<GetTicket>().Messages(ticket.Id, true, null, 50, default));
        var pub = await Run(sp => sp.GetRequiredService<GetTicket>().Messages(ticket.Id, false, null, 50, default));
        Assert.Equal(2, all.Items.Count);
        Assert.Single(pub.Items);
        Assert.Equal("internal", all.Items[1].Visibility);
        Assert.Equal(TicketStatus.New, (await Db(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id))).Status);
    }

    [Fact]
    public async Task UpdateTicket_InvalidTransition_ConflictAndNothingChanges()
    {
        var ticket = await Create($"u{Guid.NewGuid():N}@example.com");
        await Run(sp => sp.GetRequiredService<UpdateTicket>().Handle(ticket.Id, new UpdateTicketRequest { Status = "solved" }, _system, default));
        await Run(sp => sp.GetRequiredService<UpdateTicket>().Handle(ticket.Id, new UpdateTicketRequest { Status = "closed" }, _system, default));
        var eventsBefore = await Db(db => db.TicketEvents.CountAsync(e => e.TicketId == ticket.Id));
        await Assert.ThrowsAsync<ConflictException>(() => Run(sp =>
            sp.GetRequiredService<UpdateTicket>().Handle(ticket.Id, new UpdateTicketRequest { Status = "open", Priority = "urgent" }, _system, default)));
        var after = await Db(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id));
        Assert.Equal(TicketStatus.Closed, after.Status);
        Assert.Equal(TicketPriority.Normal, after.Priority);
        Assert.Equal(eventsBefore, await Db(db => db.TicketEvents.CountAsync(e => e.TicketId == ticket.Id)));
    }

    [Fact]
    public async Task UpdateTicket_AssignAndUnassign_RecordsTimeline()
    {
        var agent = await NewAgent();
        var ticket = await Create($"as{Guid.NewGuid():N}@example.com");
        var update = new UpdateTicketRequest { AssigneeId = agent.Id, Priority = "high", AddTags = ["배송"] };
        await Run(sp => sp.GetRequiredService<UpdateTicket>().Handle(ticket.Id, update, agent, default));
        await Run(sp => sp.GetRequiredService<UpdateTicket>().Handle(ticket.Id, new UpdateTicketRequest { AssigneeId = new Maybe<long?>(true, null) }, agent, default));
        var timeline = await Run(sp => sp.GetRequiredService<GetTicket>().Timeline(ticket.Id, default));
        Assert.Contains(timeline, e => e.Kind == "assigned" && e.NewValue == agent.Id.ToString() && e.ActorId == agent.Id);
        Assert.Contains(timeline, e => e.Kind == "field_changed" && e.Field == "priority" && e.OldValue == "normal" && e.NewValue == "high");
        Assert.Contains(timeline, e => e.Kind == "unassigned" && e.OldValue == agent.Id.ToString());
        Assert.Null((await Db(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id))).AssigneeId);
    }

    [Fact]
    public async Task UpdateTicket_UnknownAgent_NamesField()
    {
        var ticket = await Create($"ua{Guid.NewGuid():N}@example.com");
        var e = await Assert.ThrowsAsync<ValidationException>(() => Run(sp =>
            sp.GetRequiredService<UpdateTicket>().Handle(ticket.Id, new UpdateTicketRequest { AssigneeId = 999_999L }, _system, default)));
        Assert.Contains("assigneeId", e.Errors.Keys);
    }

    [Fact]
    public async Task CustomFields_TypedAndValidated()
    {
        var key = "order_" + Guid.NewGuid().ToString("N")[..6];
        await Db(async db =>
        {
            db.CustomFields.Add(new CustomFieldDefinition(key, CustomFieldEntity.Ticket, CustomFieldType.Number, "주문번호", "Order number", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var ticket = await Create($"cf{Guid.NewGuid():N}@example.com", fields: new Dictionary<string, object?> { [key] = "12345" });
        Assert.Equal("12345", (await Db(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id))).CustomFields[key]);
        var e = await Assert.ThrowsAsync<ValidationException>(() => Create("cf2@example.com", fields: new Dictionary<string, object?> { [key] = "abc" }));
        Assert.Contains($"customFields.{key}", e.Errors.Keys);
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => Create("cf3@example.com", fields: new Dictionary<string, object?> { ["nope"] = "1" }));
        Assert.Contains("customFields.nope", unknown.Errors.Keys);
    }

    [Fact]
    public async Task MergeTickets_MovesConversationAndClosesSource()
    {
        var email = $"m{Guid.NewGuid():N}@example.com";
        var source = await Create(email, subject: "배송 문의");
        var target = await Create(email, subject: "배송 문의 (재문의)");
        await Run(sp => sp.GetRequiredService<MergeTickets>().Handle(source.Id, new MergeTicketsRequest(target.Id), _system, default));
        var s = await Db(db => db.Tickets.SingleAsync(t => t.Id == source.Id));
        Assert.Equal(TicketStatus.Closed, s.Status);
        Assert.Equal(target.Id, s.MergedIntoId);
        Assert.Equal(2, await Db(db => db.Messages.CountAsync(m => m.TicketId == target.Id)));
        Assert.Equal(0, await Db(db => db.Messages.CountAsync(m => m.TicketId == source.Id)));
        Assert.Contains("merged_from", await Db(db => db.TicketEvents.Where(e => e.TicketId == target.Id).Select(e => e.Kind).ToListAsync()));
        await Assert.ThrowsAsync<ValidationException>(() => Run(sp => sp.GetRequiredService<MergeTickets>().Handle(target.Id, new MergeTicketsRequest(target.Id), _system, default)));
    }

    [Fact]
    public async Task SplitMessage_MovesMessageToNewTicket()
    {
        var agent = await NewAgent();
        var ticket = await Create($"s{Guid.NewGuid():N}@example.com");
        var second = await Run(sp => sp.GetRequiredService<AddMessage>().Handle(ticket.Id, new AddMessageRequest("그리고 다른 문제도 있어요", null, Author: "customer"), agent, default));
        var split = await Run(sp => sp.GetRequiredService<SplitMessage>().Handle(ticket.Id, second.Id, new SplitMessageRequest("다른 문제"), agent, default));
        Assert.NotEqual(ticket.Id, split.Id);
        Assert.Equal(split.Id, (await Db(db => db.Messages.SingleAsync(m => m.Id == second.Id))).TicketId);
        Assert.Equal(ticket.RequesterId, split.RequesterId);
        await Assert.ThrowsAsync<ConflictException>(() => Run(sp => sp.GetRequiredService<SplitMessage>().Handle(split.Id, second.Id, new SplitMessageRequest(null), agent, default)));
    }

    [Fact]
    public async Task BulkUpdate_AppliesWhereAllowed_ReportsTheRest()
    {
        var a = await Create($"b1{Guid.NewGuid():N}@example.com");
        var closed = await Create($"b2{Guid.NewGuid():N}@example.com");
        await Run(sp => sp.GetRequiredService<UpdateTicket>().Handle(closed.Id, new UpdateTicketRequest { Status = "solved" }, _system, default));
        await Run(sp => sp.GetRequiredService<UpdateTicket>().Handle(closed.Id, new UpdateTicketRequest { Status = "closed" }, _system, default));
        var results = await Run(sp => sp.GetRequiredService<BulkUpdateTickets>().Handle(
            new BulkUpdateTicketsRequest([a.Id, closed.Id, 987654321], new UpdateTicketRequest { Priority = "urgent", AddTags = ["bulk"] }), _system, default));
        Assert.True(results.Single(r => r.Id == a.Id).Ok);
        Assert.False(results.Single(r => r.Id == closed.Id).Ok);
        Assert.False(results.Single(r => r.Id == 987654321).Ok);
        Assert.Equal(TicketPriority.Urgent, (await Db(db => db.Tickets.SingleAsync(t => t.Id == a.Id))).Priority);
        Assert.Equal(TicketPriority.Normal, (await Db(db => db.Tickets.SingleAsync(t => t.Id == closed.Id))).Priority);
    }

    [Fact]
    public async Task FollowTicket_AddsAndRemovesFollower()
    {
        var agent = await NewAgent();
        var ticket = await Create($"f{Guid.NewGuid():N}@example.com");
        await Run(async sp => { await sp.GetRequiredService<FollowTicket>().Handle(ticket.Id, null, true, agent, default); return 0; });
        Assert.Equal([agent.Id!.Value], (await Run(sp => sp.GetRequiredService<GetTicket>().Handle(ticket.Id, default))).Followers);
        await Run(async sp => { await sp.GetRequiredService<FollowTicket>().Handle(ticket.Id, null, false, agent, default); return 0; });
        Assert.Empty((await Run(sp => sp.GetRequiredService<GetTicket>().Handle(ticket.Id, default))).Followers);
    }

    [Fact]
    public async Task ListTickets_FiltersAndKeysetPagesWithoutGapsOrRepeats()
    {
        var tag = "page" + Guid.NewGuid().ToString("N")[..8];
        var created = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            created.Add((await Create($"l{i}{Guid.NewGuid():N}@example.com", tags: [tag])).Id);
        }
        foreach (var sort in new[] { "-created", "created", "-updated", "updated" })
        {
            var seen = new List<long>();
            string? cursor = null;
            do
            {
                var page = await Run(sp => sp.GetRequiredService<ListTickets>().Handle(
                    new TicketQuery { Tag = tag, Status = ["new"], Limit = 3, Cursor = cursor, Sort = sort }, _system, default));
                seen.AddRange(page.Items.Select(t => t.Id));
                Assert.All(page.Items, t => Assert.Contains(tag, t.Tags));
                cursor = page.Next;
            } while (cursor is not null);
            var expected = sort.StartsWith('-') ? created.AsEnumerable().Reverse().ToList() : created;
            Assert.Equal(expected, seen);
        }
        var none = await Run(sp => sp.GetRequiredService<ListTickets>().Handle(new TicketQuery { Tag = tag, Status = ["open"] }, _system, default));
        Assert.Empty(none.Items);
        var bad = await Assert.ThrowsAsync<ValidationException>(() => Run(sp =>
            sp.GetRequiredService<ListTickets>().Handle(new TicketQuery { Status = ["bogus"], Cursor = "zzz" }, _system, default)));
        Assert.Contains("status", bad.Errors.Keys);
        Assert.Contains("cursor", bad.Errors.Keys);
    }

    [Fact]
    public async Task ListTickets_ShowsEachRequestersFirstAddress_AndNoneForACustomerKnownByPhoneOnly()
    {
        var tag = "who" + Guid.NewGuid().ToString("N")[..8];
        var email = $"list{Guid.NewGuid():N}@example.kr";
        var byMail = await Create(email.ToUpperInvariant(), tags: [tag]);
        var phone = "010-" + Random.Shared.Next(1000, 9999) + "-" + Random.Shared.Next(1000, 9999);
        var byPhone = await Run(sp => sp.GetRequiredService<CreateTicket>().Handle(
            new CreateTicketRequest("전화 문의", "배송이 늦어요.", null, new RequesterInput(null, "이서준", null, phone, "ko"),
                Channel: "phone", Tags: [tag]), _system, default));

        var page = await Run(sp => sp.GetRequiredService<ListTickets>().Handle(new TicketQuery { Tag = tag }, _system, default));

        Assert.Equal(email, page.Items.Single(t => t.Id == byMail.Id).Requester.Email);
        Assert.Null(page.Items.Single(t => t.Id == byPhone.Id).Requester.Email);
        Assert.Equal("이서준", page.Items.Single(t => t.Id == byPhone.Id).Requester.Name);
    }
}
