using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Settings;
using Sori.Testing;

namespace Sori.Integration.Tests.Settings;

public sealed class DeskSettingsUseCaseTests_Sqlite(SqliteDatabase db) : DeskSettingsUseCaseTests(db), IClassFixture<SqliteDatabase>;
public sealed class DeskSettingsUseCaseTests_Postgres(PostgresDatabase db) : DeskSettingsUseCaseTests(db), IClassFixture<PostgresDatabase>;

public abstract class DeskSettingsUseCaseTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = database.CreateServices(s =>
        {
            s.AddSoriIdentity();
            s.AddSingleton(new DeskDefaults("기본 데스크", "en", "Europe/Berlin"));
        }, _clock);
        // Tests of a class share one database: each starts from an empty desk.
        await Run(async sp =>
        {
            var db = sp.GetRequiredService<SoriDbContext>();
            await db.DeskSettings.ExecuteDeleteAsync();
            await db.UserTokens.ExecuteDeleteAsync();
            return await db.Agents.ExecuteDeleteAsync();
        });
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> Run<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<DeskSettingsView> Get() => Run(sp => sp.GetRequiredService<GetDeskSettings>().Handle(default));

    private Task<DeskSettingsView> Update(UpdateDeskSettingsRequest r) =>
        Run(sp => sp.GetRequiredService<UpdateDeskSettings>().Handle(r, new Actor(ActorKind.Agent, 7, "관리자", Roles.Admin), default));

    private static SetUpDeskRequest Setup(string email = "owner@shop.kr", string password = "correct-horse-battery") =>
        new("소리 쇼핑", "ko", "Asia/Seoul", "김대표", email, password, password);

    [Fact]
    public async Task Get_NothingStored_ReturnsTheConfiguredDefaults()
    {
        Assert.Equal(new DeskSettingsView("기본 데스크", "en", "Europe/Berlin", null), await Get());
    }

    [Fact]
    public async Task Update_ChangesOnlyGivenFields_AndKeepsThem()
    {
        await Update(new UpdateDeskSettingsRequest(DeskName: "  소리 쇼핑  "));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var saved = await Update(new UpdateDeskSettingsRequest(TimeZone: "America/New_York"));

        Assert.Equal(new DeskSettingsView("소리 쇼핑", "en", "America/New_York", _clock.GetUtcNow().UtcDateTime), saved);
        Assert.Equal(saved, await Get());
        Assert.Equal(7, await Run(sp => sp.GetRequiredService<SoriDbContext>().DeskSettings.Select(s => s.UpdatedByAgentId).SingleAsync()));
    }

    [Fact]
    public async Task Update_BadInput_NamesEveryFieldAndWritesNothing()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Update(new UpdateDeskSettingsRequest(" ", "jp", "Mars/Olympus_Mons")));
        var markup = await Assert.ThrowsAsync<ValidationException>(() => Update(new UpdateDeskSettingsRequest("<script>alert(1)</script>")));

        Assert.Equal(["defaultLanguage", "deskName", "timeZone"], e.Errors.Keys.Order());
        Assert.Equal(["deskName"], markup.Errors.Keys);
        Assert.Null((await Get()).UpdatedAt);
    }

    [Fact]
    public async Task SetUpDesk_EmptyDesk_CreatesTheAdminAndSettings_ThenRefusesAgain()
    {
        Assert.True(await Run(sp => sp.GetRequiredService<SetUpDesk>().IsNeeded(default)));

        var admin = await Run(sp => sp.GetRequiredService<SetUpDesk>().Handle(Setup(), default));

        Assert.Equal((Roles.Admin, "owner@shop.kr", "ko", "Asia/Seoul"), (admin.Role, admin.Email, admin.Language, admin.TimeZone));
        Assert.Equal(new DeskSettingsView("소리 쇼핑", "ko", "Asia/Seoul", _clock.GetUtcNow().UtcDateTime), await Get());
        Assert.True(await Run(async sp => await sp.GetRequiredService<UserManager<Agent>>().CheckPasswordAsync(admin, "correct-horse-battery")));
        Assert.False(await Run(sp => sp.GetRequiredService<SetUpDesk>().IsNeeded(default)));
        await Assert.ThrowsAsync<ConflictException>(() => Run(sp => sp.GetRequiredService<SetUpDesk>().Handle(Setup("second@shop.kr"), default)));
        Assert.Equal(1, await Run(sp => sp.GetRequiredService<SoriDbContext>().Agents.CountAsync()));
    }

    [Fact]
    public async Task SetUpDesk_BadInput_NamesFieldsAndLeavesTheDeskEmpty()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Run(sp => sp.GetRequiredService<SetUpDesk>().Handle(
            new SetUpDeskRequest("", "jp", "Nowhere/City", "", "not-an-email", "short", "shorter"), default)));

        Assert.Equal(["adminEmail", "adminName", "confirmPassword", "defaultLanguage", "deskName", "password", "timeZone"], e.Errors.Keys.Order());
        Assert.True(await Run(sp => sp.GetRequiredService<SetUpDesk>().IsNeeded(default)));
        Assert.Null((await Get()).UpdatedAt);
    }

    [Fact]
    public async Task SetUpDesk_AgentsButNoAdmin_IsStillOpen()
    {
        await Run(sp => sp.GetRequiredService<CreateAgent>().Handle(new CreateAgentRequest("agent@shop.kr", "상담원", "correct-horse-battery", Roles.Agent), default));

        Assert.True(await Run(sp => sp.GetRequiredService<SetUpDesk>().IsNeeded(default)));
        var taken = await Assert.ThrowsAsync<ValidationException>(() => Run(sp => sp.GetRequiredService<SetUpDesk>().Handle(Setup("agent@shop.kr"), default)));
        Assert.Equal(["email"], taken.Errors.Keys);
        Assert.True(await Run(sp => sp.GetRequiredService<SetUpDesk>().IsNeeded(default)));
        Assert.Null((await Get()).UpdatedAt);
    }
}
