using Sori.Core.Common;
using Sori.Core.SavedViews;
using Sori.Core.Tickets;
using Sori.Integration.Tests.Support;
using Sori.Testing;

namespace Sori.Integration.Tests.SavedViews;

public sealed class SavedViewUseCaseTests_Sqlite(SqliteDatabase db) : SavedViewUseCaseTests(db), IClassFixture<SqliteDatabase>;
public sealed class SavedViewUseCaseTests_Postgres(PostgresDatabase db) : SavedViewUseCaseTests(db), IClassFixture<PostgresDatabase>;

public abstract class SavedViewUseCaseTests(TestDatabase database) : UseCaseTest(database)
{
    private Task<SavedView> Create(Actor actor, SavedViewFilters filters, string? scope = null, string? name = null, long? teamId = null) =>
        Use<CreateSavedView, SavedView>(c => c.Handle(new CreateSavedViewRequest(name ?? "보기 " + Unique(), scope, teamId, filters), actor, default));

    private Task<IReadOnlyList<SavedViewView>> List(Actor actor, bool counts = true) =>
        Use<ListSavedViews, IReadOnlyList<SavedViewView>>(l => l.Handle(counts, actor, default));

    private Task<Page<TicketSummary>> Tickets(long viewId, Actor actor) =>
        Use<ListSavedViews, TicketQuery>(l => l.QueryOf(viewId, actor, default))
            .ContinueWith(q => Use<ListTickets, Page<TicketSummary>>(l => l.Handle(q.Result, actor, default))).Unwrap();

    [Fact]
    public async Task PersonalView_FiltersAndCountsItsTickets()
    {
        var agent = await NewAgent();
        var tag = "vip-" + Unique();
        var urgent = await CreateTicket(tags: [tag]);
        await Use<UpdateTicket, Ticket>(u => u.Handle(urgent.Id, new UpdateTicketRequest { Priority = "urgent", AssigneeId = agent.AgentId }, agent, default));
        var other = await CreateTicket(tags: [tag]);
        await Use<UpdateTicket, Ticket>(u => u.Handle(other.Id, new UpdateTicketRequest { Priority = "urgent" }, agent, default));
        await CreateTicket(tags: [tag]);

        var view = await Create(agent, new SavedViewFilters(Status: ["open", "new", "OPEN"], Priority: ["urgent"], Assignee: "me", Tag: " " + tag.ToUpperInvariant(), Sort: "-updated"));

        Assert.Equal(["open", "new"], view.Filters.Status);
        Assert.Equal(tag, view.Filters.Tag);
        var listed = Assert.Single(await List(agent), v => v.Id == view.Id);
        Assert.Equal((SavedViewView.Personal, 1), (listed.Scope, listed.Count));
        Assert.Equal([urgent.Id], (await Tickets(view.Id, agent)).Items.Select(t => t.Id));
        // "me" is whoever looks at the view.
        var byTag = await Create(agent, new SavedViewFilters(Tag: tag, Assignee: "none"));
        Assert.Equal(2, (await List(agent)).Single(v => v.Id == byTag.Id).Count);
    }

    [Fact]
    public async Task RelativeRange_MovesWithTheClock()
    {
        var agent = await NewAgent();
        var tag = "rel-" + Unique();
        await CreateTicket(tags: [tag]);
        var view = await Create(agent, new SavedViewFilters(Tag: tag, CreatedFrom: "-2h"));
        Assert.Equal(1, (await List(agent)).Single(v => v.Id == view.Id).Count);

        Clock.Advance(TimeSpan.FromHours(3));

        Assert.Equal(0, (await List(agent)).Single(v => v.Id == view.Id).Count);
        var older = await Create(agent, new SavedViewFilters(Tag: tag, CreatedTo: "-1h"));
        Assert.Equal(1, (await List(agent)).Single(v => v.Id == older.Id).Count);
    }

    [Fact]
    public async Task DateWithoutTime_IsADayInTheDesksZone_AndAnEndDateIncludesIt()
    {
        // The clock is 2026-03-02 00:30 UTC, which is 09:30 on 2 March in Seoul.
        var agent = await NewAgent();
        var tag = "day-" + Unique();
        await CreateTicket(tags: [tag]);
        var sameDay = await Create(agent, new SavedViewFilters(Tag: tag, CreatedFrom: "2026-03-02", CreatedTo: "2026-03-02"));
        var dayBefore = await Create(agent, new SavedViewFilters(Tag: tag, CreatedTo: "2026-03-01"));
        var utc = await Create(agent, new SavedViewFilters(Tag: tag, CreatedFrom: "2026-03-02T00:00:00Z", CreatedTo: "2026-03-02T09:00+09:00"));

        var counts = (await List(agent)).ToDictionary(v => v.Id, v => v.Count);
        Assert.Equal((1, 0, 0), (counts[sameDay.Id], counts[dayBefore.Id], counts[utc.Id]));
    }

    [Fact]
    public async Task CreateView_BadFilters_NameEveryFieldAndStoreNothing()
    {
        var agent = await NewAgent();
        var before = (await List(agent, counts: false)).Count;
        var e = await Assert.ThrowsAsync<ValidationException>(() => Create(agent,
            new SavedViewFilters(Status: ["done"], Priority: ["p1"], Channel: "fax", TeamId: 999_999, Assignee: "someone", Tag: "<b>x</b>",
                CustomerId: 999_999, CreatedFrom: "yesterday", CreatedTo: "-99999999d", UpdatedFrom: "2026-02-30", UpdatedTo: "2026-03-01T25:00", Sort: "priority"),
            name: new string('가', 101)));

        Assert.Equal(["filters.assignee", "filters.channel", "filters.createdFrom", "filters.createdTo", "filters.customerId", "filters.priority",
            "filters.sort", "filters.status", "filters.tag", "filters.teamId", "filters.updatedFrom", "filters.updatedTo", "name"],
            e.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, (await List(agent, counts: false)).Count);
    }

    [Fact]
    public async Task SharedViews_AdminsManageThem_TeamViewsOnlyForTheTeam_PersonalOnlyForTheOwner()
    {
        var team = await NewTeam();
        var admin = await NewAgent(Roles.Admin);
        var member = await NewAgent(teamId: team);
        var outsider = await NewAgent();
        await Assert.ThrowsAsync<ForbiddenException>(() => Create(member, new SavedViewFilters(), "shared"));
        var forAll = await Create(admin, new SavedViewFilters(Status: ["new"]), "shared");
        var forTeam = await Create(admin, new SavedViewFilters(TeamId: team), "shared", teamId: team);
        var personal = await Create(member, new SavedViewFilters());

        var memberSees = (await List(member, counts: false)).Select(v => v.Id).ToList();
        Assert.Contains(forAll.Id, memberSees);
        Assert.Contains(forTeam.Id, memberSees);
        Assert.Contains(personal.Id, memberSees);
        var outsiderSees = (await List(outsider, counts: false)).Select(v => v.Id).ToList();
        Assert.Contains(forAll.Id, outsiderSees);
        Assert.DoesNotContain(forTeam.Id, outsiderSees);
        Assert.DoesNotContain(personal.Id, outsiderSees);
        await Assert.ThrowsAsync<NotFoundException>(() => Use<ListSavedViews, TicketQuery>(l => l.QueryOf(personal.Id, outsider, default)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Use<UpdateSavedView, SavedView>(u => u.Handle(forAll.Id, new UpdateSavedViewRequest { Name = "x" }, member, default)));
        await Assert.ThrowsAsync<NotFoundException>(() => Use<DeleteSavedView, bool>(async d => { await d.Handle(personal.Id, admin, default); return true; }));
        // Shared views list before personal ones.
        var all = await List(member, counts: false);
        Assert.True(all.TakeWhile(v => v.Scope == SavedViewView.Shared).Count() == all.Count(v => v.Scope == SavedViewView.Shared));
    }

    [Fact]
    public async Task Position_MovesAViewAndRenumbersItsList()
    {
        var agent = await NewAgent();
        var a = await Create(agent, new SavedViewFilters(), name: "가");
        var b = await Create(agent, new SavedViewFilters(), name: "나");
        var c = await Create(agent, new SavedViewFilters(), name: "다");

        await Use<UpdateSavedView, SavedView>(u => u.Handle(c.Id, new UpdateSavedViewRequest { Position = 0 }, agent, default));
        Assert.Equal([c.Id, a.Id, b.Id], (await List(agent, counts: false)).Where(v => v.Scope == SavedViewView.Personal).Select(v => v.Id));
        await Use<UpdateSavedView, SavedView>(u => u.Handle(c.Id, new UpdateSavedViewRequest { Position = 99 }, agent, default));
        var after = (await List(agent, counts: false)).Where(v => v.Scope == SavedViewView.Personal).ToList();
        Assert.Equal([a.Id, b.Id, c.Id], after.Select(v => v.Id));
        Assert.Equal([0, 1, 2], after.Select(v => v.Position));

        var dup = await Assert.ThrowsAsync<ValidationException>(() => Use<UpdateSavedView, SavedView>(u => u.Handle(c.Id, new UpdateSavedViewRequest { Name = "가" }, agent, default)));
        Assert.Contains("name", dup.Errors.Keys);
        var negative = await Assert.ThrowsAsync<ValidationException>(() => Use<UpdateSavedView, SavedView>(u => u.Handle(c.Id, new UpdateSavedViewRequest { Position = -1 }, agent, default)));
        Assert.Contains("position", negative.Errors.Keys);
    }
}
