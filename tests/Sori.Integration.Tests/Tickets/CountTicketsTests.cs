using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Tickets;
using Sori.Testing;

namespace Sori.Integration.Tests.Tickets;

public sealed class CountTicketsTests_Sqlite(SqliteDatabase db) : CountTicketsTests(db), IClassFixture<SqliteDatabase>;
public sealed class CountTicketsTests_Postgres(PostgresDatabase db) : CountTicketsTests(db), IClassFixture<PostgresDatabase>;

public abstract class CountTicketsTests(TestDatabase database) : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _services = database.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> Run<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<Ticket> Create(string tag, string priority) => Run(sp => sp.GetRequiredService<CreateTicket>().Handle(
        new CreateTicketRequest("배송 문의", "언제 도착하나요?", null, new RequesterInput(null, "박지훈", $"p{Guid.NewGuid():N}@example.kr", null, "ko"),
            Priority: priority, Tags: [tag]), Actor.System, default));

    [Fact]
    public async Task Handle_SeveralQueries_CountsEachWithTheListFilters()
    {
        var tag = "c" + Guid.NewGuid().ToString("N")[..10];
        await Create(tag, "high");
        await Create(tag, "high");
        var low = await Create(tag, "low");
        await Run(sp => sp.GetRequiredService<UpdateTicket>().Handle(low.Id, new UpdateTicketRequest { Status = "solved" }, Actor.System, default));

        var counts = await Run(sp => sp.GetRequiredService<CountTickets>().Handle(new Dictionary<string, TicketQuery>
        {
            ["all"] = new() { Tag = tag },
            ["high"] = new() { Tag = tag, Priority = ["high"] },
            ["solved"] = new() { Tag = tag, Status = ["solved"] },
            ["unassigned-open"] = new() { Tag = tag, Assignee = "none", Status = ["new", "open"] },
        }, Actor.System, default));

        Assert.Equal(3, counts["all"]);
        Assert.Equal(2, counts["high"]);
        Assert.Equal(1, counts["solved"]);
        Assert.Equal(2, counts["unassigned-open"]);
    }

    [Fact]
    public async Task Handle_BadFilter_NamesTheField()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Run(sp => sp.GetRequiredService<CountTickets>().Handle(
            new Dictionary<string, TicketQuery> { ["x"] = new() { Status = ["sleeping"] } }, Actor.System, default)));
        Assert.True(e.Errors.ContainsKey("status"));
    }
}
