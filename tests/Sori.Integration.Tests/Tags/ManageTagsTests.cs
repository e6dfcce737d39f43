using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tags;
using Sori.Core.Tickets;
using Sori.Testing;

namespace Sori.Integration.Tests.Tags;

public sealed class ManageTagsTests_Sqlite(SqliteDatabase db) : ManageTagsTests(db), IClassFixture<SqliteDatabase>;
public sealed class ManageTagsTests_Postgres(PostgresDatabase db) : ManageTagsTests(db), IClassFixture<PostgresDatabase>;

public abstract class ManageTagsTests(TestDatabase database) : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];

    public Task InitializeAsync()
    {
        _services = database.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> Run<T>(Func<ManageTags, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ManageTags>());
    }

    private async Task Ticket(params string[] tags)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CreateTicket>().Handle(new CreateTicketRequest("태그 확인", "본문", null,
            new RequesterInput(null, "김민지", $"t{Guid.NewGuid():N}@example.kr", null, "ko"), Tags: tags), Actor.System, default);
    }

    [Fact]
    public async Task Create_NormalizesTheName_AndRefusesDuplicatesAndMarkup()
    {
        var tag = await Run(m => m.Create(new TagRequest($" VIP 고객 {_run} ", " 우수 고객 "), default));

        Assert.Equal(($"vip-고객-{_run}", "우수 고객"), (tag.Name, tag.Description));
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => Run(m => m.Create(new TagRequest($"vip-고객-{_run}"), default)));
        var bad = await Assert.ThrowsAsync<ValidationException>(() => Run(m => m.Create(new TagRequest("<script>alert(1)</script>", "<b>굵게</b>"), default)));
        var empty = await Assert.ThrowsAsync<ValidationException>(() => Run(m => m.Create(new TagRequest("  "), default)));
        var comma = await Assert.ThrowsAsync<ValidationException>(() => Run(m => m.Create(new TagRequest("a,b"), default)));

        Assert.Equal(["name"], duplicate.Errors.Keys);
        Assert.Equal(["description", "name"], bad.Errors.Keys.Order());
        Assert.Equal(["name"], empty.Errors.Keys);
        Assert.Equal(["name"], comma.Errors.Keys);
    }

    [Fact]
    public async Task List_DefinedAndUsedTags_WithTicketCounts()
    {
        var used = $"환불-{_run}";
        var both = $"배송-{_run}";
        var defined = $"교환-{_run}";
        await Ticket(used, both);
        await Ticket(both);
        await Run(m => m.Create(new TagRequest(both, "배송 문의"), default));
        await Run(m => m.Create(new TagRequest(defined), default));

        var tags = (await Run(m => m.List(null, ManageTags.ListMax, default))).Where(t => t.Name.EndsWith(_run)).ToList();

        Assert.Equal([new TagView(both, "배송 문의", 2, true), new TagView(used, null, 1, false), new TagView(defined, null, 0, true)], tags);
        var byPrefix = await Run(m => m.List("배송", 10, default));
        Assert.Contains(byPrefix, t => t.Name == both);
        Assert.DoesNotContain(byPrefix, t => t.Name == used);
    }

    [Fact]
    public async Task UpdateAndDelete_ChangeTheListOnly_TicketsKeepTheirTags()
    {
        var name = $"vip-{_run}";
        await Ticket(name);
        await Run(m => m.Create(new TagRequest(name), default));

        var updated = await Run(m => m.Update(name.ToUpperInvariant(), new TagRequest(Description: "단골"), default));
        var rename = await Assert.ThrowsAsync<ValidationException>(() => Run(m => m.Update(name, new TagRequest(Name: "other"), default)));
        await Run(async m => { await m.Delete(name, default); return 0; });

        Assert.Equal("단골", updated.Description);
        Assert.Equal(["name"], rename.Errors.Keys);
        Assert.Equal(new TagView(name, null, 1, false), (await Run(m => m.List(name, 10, default))).Single());
        await Assert.ThrowsAsync<NotFoundException>(() => Run(async m => { await m.Delete(name, default); return 0; }));
        await Assert.ThrowsAsync<NotFoundException>(() => Run(m => m.Update(name, new TagRequest(Description: "x"), default)));
        await using var scope = _services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<SoriDbContext>().TicketTags.AnyAsync(t => t.Name == name));
    }
}
