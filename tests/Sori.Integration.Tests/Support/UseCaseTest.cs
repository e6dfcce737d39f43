using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;
using Sori.Testing;

namespace Sori.Integration.Tests.Support;

/// <summary>Use cases run the way a request runs them: a scope per call, a fake clock, agents and teams made on demand.</summary>
public abstract class UseCaseTest(TestDatabase database) : IAsyncLifetime
{
    protected readonly ManualClock Clock = new(new DateTimeOffset(2026, 3, 2, 0, 30, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _services = database.CreateServices(clock: Clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    protected async Task<T> Run<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    protected Task<T> Use<THandler, T>(Func<THandler, Task<T>> action) where THandler : notnull =>
        Run(sp => action(sp.GetRequiredService<THandler>()));

    protected Task<T> Db<T>(Func<SoriDbContext, Task<T>> query) => Run(sp => query(sp.GetRequiredService<SoriDbContext>()));

    protected static string Unique() => Guid.NewGuid().ToString("N")[..10];

    protected Task<Ticket> CreateTicket(string? language = "ko", string name = "김민지", IReadOnlyList<string>? tags = null, string subject = "배송 문의") =>
        Use<CreateTicket, Ticket>(c => c.Handle(new CreateTicketRequest(subject, "주문한 상품이 아직 안 왔어요.", null,
            new RequesterInput(null, name, $"c{Unique()}@example.kr", null, language), Channel: "email", Tags: tags), Actor.System, default));

    protected async Task<Actor> NewAgent(string role = Roles.Agent, long? teamId = null)
    {
        var agent = await Db(async db =>
        {
            var a = new Agent { UserName = $"a{Unique()}@shop.kr", Email = $"a{Unique()}@shop.kr", DisplayName = "상담원 " + Unique()[..4], Role = role, CreatedAt = DateTime.UtcNow };
            db.Agents.Add(a);
            await db.SaveChangesAsync();
            return a;
        });
        if (teamId is { } t)
            await Use<ManageTeams, Team>(async m => await m.Update(t, new TeamRequest(null, MemberIds: [.. (await m.Get(t, default)).MemberIds, agent.Id]), default));
        return new Actor(ActorKind.Agent, agent.Id, agent.DisplayName, role);
    }

    protected Task<long> NewTeam() =>
        Use<ManageTeams, long>(async m => (await m.Create(new TeamRequest("팀 " + Unique()), default)).Id);

    protected static Actor Token(bool admin = false) => new(ActorKind.ApiToken, 9_999, "token:ci", admin ? Roles.Admin : null);
}
