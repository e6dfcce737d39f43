using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Tickets;
using Sori.Integration.Tests.Support;
using Sori.Testing;

namespace Sori.Integration.Tests.Tickets;

public sealed class BulkTicketTests_Sqlite(SqliteDatabase db) : BulkTicketTests(db), IClassFixture<SqliteDatabase>;
public sealed class BulkTicketTests_Postgres(PostgresDatabase db) : BulkTicketTests(db), IClassFixture<PostgresDatabase>;

public abstract class BulkTicketTests(TestDatabase database) : UseCaseTest(database)
{
    private Task<IReadOnlyList<BulkUpdateResult>> Bulk(IReadOnlyList<long> ids, UpdateTicketRequest change, Actor actor) =>
        Use<BulkUpdateTickets, IReadOnlyList<BulkUpdateResult>>(b => b.Handle(new BulkUpdateTicketsRequest(ids, change), actor, default));

    private Task<IReadOnlyList<BulkUpdateResult>> Merge(long? target, IReadOnlyList<long>? sources, Actor actor) =>
        Use<BulkMergeTickets, IReadOnlyList<BulkUpdateResult>>(m => m.Handle(new BulkMergeTicketsRequest(target, sources), actor, default));

    [Fact]
    public async Task BulkAssignAndSolve_ThreeTickets_OneClosed_ReportsItAndChangesTheOthers()
    {
        var agent = await NewAgent();
        var (a, b, c) = (await CreateTicket(), await CreateTicket(), await CreateTicket());
        await Bulk([c.Id], new UpdateTicketRequest { Status = "solved" }, agent);
        await Bulk([c.Id], new UpdateTicketRequest { Status = "closed" }, agent);

        var results = await Bulk([a.Id, b.Id, c.Id, 987_654_321], new UpdateTicketRequest { AssigneeId = agent.AgentId, Status = "solved" }, agent);

        Assert.Equal([true, true, false, false], results.Select(r => r.Ok));
        Assert.Contains("closed", results[2].Error);
        Assert.Equal("not found", results[3].Error);
        var stored = await Db(db => db.Tickets.Where(t => t.Id == a.Id || t.Id == b.Id || t.Id == c.Id).OrderBy(t => t.Id).ToListAsync());
        Assert.Equal([TicketStatus.Solved, TicketStatus.Solved, TicketStatus.Closed], stored.Select(t => t.Status));
        Assert.Equal([agent.AgentId, agent.AgentId, null], stored.Select(t => t.AssigneeId));
    }

    [Fact]
    public async Task BulkUpdate_AssignANewTicketAndKeepItNew_IsRefusedWithoutAHalfWrite()
    {
        // Assigning opens a new ticket, so "new" is no longer a status it can take in the same change.
        var agent = await NewAgent();
        var fresh = await CreateTicket();
        var events = await Db(db => db.TicketEvents.CountAsync(e => e.TicketId == fresh.Id));

        var result = Assert.Single(await Bulk([fresh.Id], new UpdateTicketRequest { AssigneeId = agent.AgentId, Status = "new", AddTags = ["x"] }, agent));

        Assert.False(result.Ok);
        Assert.Contains("open ticket cannot become new", result.Error);
        var stored = await Db(db => db.Tickets.Include(t => t.Tags).SingleAsync(t => t.Id == fresh.Id));
        Assert.Equal((TicketStatus.New, (long?)null, 0), (stored.Status, stored.AssigneeId, stored.Tags.Count));
        Assert.Equal(events, await Db(db => db.TicketEvents.CountAsync(e => e.TicketId == fresh.Id)));
    }

    [Fact]
    public async Task BulkMerge_SeveralIntoOne_MovesTheConversationsAndClosesTheSources()
    {
        var agent = await NewAgent();
        var (target, s1, s2, closed) = (await CreateTicket(), await CreateTicket(), await CreateTicket(), await CreateTicket());
        await Bulk([closed.Id], new UpdateTicketRequest { Status = "solved" }, agent);
        await Bulk([closed.Id], new UpdateTicketRequest { Status = "closed" }, agent);

        var results = await Merge(target.Id, [s1.Id, s2.Id, closed.Id, target.Id, s1.Id], agent);

        Assert.Equal([(s1.Id, true), (s2.Id, true), (closed.Id, false), (target.Id, false)], results.Select(r => (r.Id, r.Ok)));
        Assert.Equal(3, await Db(db => db.Messages.CountAsync(m => m.TicketId == target.Id)));
        Assert.Equal(1, await Db(db => db.Messages.CountAsync(m => m.TicketId == closed.Id)));
        var sources = await Db(db => db.Tickets.Where(t => t.Id == s1.Id || t.Id == s2.Id).ToListAsync());
        Assert.All(sources, s => Assert.Equal((TicketStatus.Closed, (long?)target.Id), (s.Status, s.MergedIntoId)));
        var merged = await Db(db => db.TicketEvents.Where(e => e.TicketId == target.Id && e.Kind == "merged_from").Select(e => e.NewValue).ToListAsync());
        Assert.Equal([s1.Number.ToString(), s2.Number.ToString()], merged.Order());
    }

    [Fact]
    public async Task BulkMerge_BadRequest_NamesTheFieldAndMergesNothing()
    {
        var agent = await NewAgent();
        var source = await CreateTicket();
        Assert.Contains("targetId", (await Assert.ThrowsAsync<ValidationException>(() => Merge(null, [source.Id], agent))).Errors.Keys);
        Assert.Contains("sourceIds", (await Assert.ThrowsAsync<ValidationException>(() => Merge(source.Id, [], agent))).Errors.Keys);
        Assert.Contains("targetId", (await Assert.ThrowsAsync<ValidationException>(() => Merge(987_654_321, [source.Id], agent))).Errors.Keys);
        var closed = await CreateTicket();
        await Bulk([closed.Id], new UpdateTicketRequest { Status = "solved" }, agent);
        await Bulk([closed.Id], new UpdateTicketRequest { Status = "closed" }, agent);
        await Assert.ThrowsAsync<ConflictException>(() => Merge(closed.Id, [source.Id], agent));
        Assert.Null((await Db(db => db.Tickets.SingleAsync(t => t.Id == source.Id))).MergedIntoId);
    }
}
