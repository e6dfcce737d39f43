using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;
using Sori.Integration.Tests.Support;
using Sori.Testing;

namespace Sori.Integration.Tests.Tickets;

public sealed class TagFilterTests_Sqlite(SqliteDatabase db) : TagFilterTests(db), IClassFixture<SqliteDatabase>;
public sealed class TagFilterTests_Postgres(PostgresDatabase db) : TagFilterTests(db), IClassFixture<PostgresDatabase>;

/// <summary>A tag filter is written two ways (from the tag's tickets, or from all tickets); both must find the same tickets.</summary>
public abstract class TagFilterTests(TestDatabase database) : UseCaseTest(database)
{
    [Theory]
    [InlineData("-created")]
    [InlineData("created")]
    [InlineData("-updated")]
    public async Task TagFilter_FromTheTagOrFromTheTickets_FindsTheSameTicketsInTheSameOrder(string sort)
    {
        var tag = "t" + Unique();
        var tagged = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            tagged.Add((await CreateTicket(tags: [tag, "other"])).Id);
            await CreateTicket(tags: ["other"]);
        }
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Use<UpdateTicket, Ticket>(u => u.Handle(tagged[1], new UpdateTicketRequest { Status = "open" }, Actor.System, default));
        var query = new TicketQuery { Tag = tag.ToUpperInvariant(), Sort = sort };

        Assert.True(await Db(db => ListTickets.IsRareTagAsync(db, query, default)));
        foreach (var rare in new[] { true, false })
        {
            var ids = await Db(db =>
            {
                var v = new Validator();
                var q = ListTickets.Filtered(db, query, Actor.System, v, rare);
                v.ThrowIfInvalid();
                return (sort == "created" ? q.OrderBy(t => t.Id) : sort == "-created" ? q.OrderByDescending(t => t.Id)
                    : q.OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id)).Select(t => t.Id).ToListAsync();
            });
            var expected = sort == "created" ? tagged.Order().ToList() : sort == "-created" ? tagged.OrderDescending().ToList()
                : [tagged[1], .. tagged.Where(id => id != tagged[1]).OrderDescending()];
            Assert.Equal(expected, ids);
        }
        var page = await Use<ListTickets, Page<TicketSummary>>(l => l.Handle(query with { Limit = 2, Status = ["new"] }, Actor.System, default));
        Assert.Equal(2, page.Items.Count);
        Assert.All(page.Items, t => Assert.Contains(tag, t.Tags));
        var counts = await Use<CountTickets, IReadOnlyDictionary<string, int>>(c => c.Handle(new Dictionary<string, TicketQuery> { ["t"] = query, ["new"] = query with { Status = ["new"] } }, Actor.System, default));
        Assert.Equal((5, 4), (counts["t"], counts["new"]));
    }

    [Fact]
    public async Task IsRareTag_UnknownOrNoTag()
    {
        Assert.True(await Db(db => ListTickets.IsRareTagAsync(db, new TicketQuery { Tag = "nobody-" + Unique() }, default)));
        Assert.False(await Db(db => ListTickets.IsRareTagAsync(db, new TicketQuery(), default)));
    }
}
