using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Testing;

namespace Sori.Integration.Tests.Agents;

public sealed class AgentAccountUseCaseTests_Sqlite(SqliteDatabase db) : AgentAccountUseCaseTests(db), IClassFixture<SqliteDatabase>;
public sealed class AgentAccountUseCaseTests_Postgres(PostgresDatabase db) : AgentAccountUseCaseTests(db), IClassFixture<PostgresDatabase>;

/// <summary>Invitations, sign-in links, password changes and two-factor sign-in, through Identity's real stores.</summary>
public abstract class AgentAccountUseCaseTests(TestDatabase database) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    // Real time: authenticator codes are checked against the clock Identity reads.
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _services = database.CreateServices(s => s.AddSoriIdentity(), _clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> Run<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<Invitation> Invite(bool withPassword = false, string? email = null) => Run(sp => sp.GetRequiredService<InviteAgent>().Handle(
        new InviteAgentRequest(email ?? $"new{Guid.NewGuid():N}@shop.kr", "신입 상담원", Roles.Agent, "ko", "Asia/Seoul", withPassword), default));

    private Task<Agent> Redeem(long id, string? token, string password = Password, string? confirm = null) =>
        Run(sp => sp.GetRequiredService<RedeemSignInLink>().Handle(new RedeemSignInLinkRequest(id, token, password, confirm ?? password), default));

    private Task<bool> PasswordWorks(long id, string password) => Run(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<Agent>>();
        return await users.CheckPasswordAsync((await users.FindByIdAsync(id.ToString()))!, password);
    });

    private async Task<Agent> NewAgent()
    {
        var invitation = await Invite(withPassword: true);
        await Run(sp => sp.GetRequiredService<ChangePassword>().Handle(invitation.Agent.Id,
            new ChangePasswordRequest(invitation.InitialPassword, Password, Password), default));
        return invitation.Agent;
    }

    [Fact]
    public async Task InviteAgent_WithLink_LinkSetsPasswordOnce()
    {
        var invitation = await Invite();

        Assert.Null(invitation.InitialPassword);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime + SignInLinks.Lifetime, invitation.LinkExpiresAt);
        Assert.NotNull(await Run(sp => sp.GetRequiredService<RedeemSignInLink>().Check(invitation.Agent.Id, invitation.SignInToken, default)));
        await Redeem(invitation.Agent.Id, invitation.SignInToken);

        Assert.True(await PasswordWorks(invitation.Agent.Id, Password));
        var again = await Assert.ThrowsAsync<ValidationException>(() => Redeem(invitation.Agent.Id, invitation.SignInToken, "another-password-9"));
        Assert.Equal(["token"], again.Errors.Keys);
        Assert.True(await PasswordWorks(invitation.Agent.Id, Password));
        var listed = await Run(sp => sp.GetRequiredService<ListAgentAccounts>().Handle(default));
        Assert.Null(listed.Single(a => a.Id == invitation.Agent.Id).SignInLinkExpiresAt);
    }

    [Fact]
    public async Task InviteAgent_WithPassword_ReturnsAWorkingPasswordAndNoLink()
    {
        var invitation = await Invite(withPassword: true);

        Assert.Null(invitation.SignInToken);
        Assert.Equal(16, invitation.InitialPassword!.Length);
        Assert.True(await PasswordWorks(invitation.Agent.Id, invitation.InitialPassword));
    }

    [Fact]
    public async Task InviteAgent_BadInput_NamesFieldsAndCreatesNobody()
    {
        var email = $"dup{Guid.NewGuid():N}@shop.kr";
        await Invite(email: email);
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => Invite(email: email.ToUpperInvariant()));
        var bad = await Assert.ThrowsAsync<ValidationException>(() => Run(sp => sp.GetRequiredService<InviteAgent>().Handle(
            new InviteAgentRequest("not-an-email", "<script>alert(1)</script>", "Boss", "jp"), default)));

        Assert.Equal(["email"], duplicate.Errors.Keys);
        Assert.Equal(["email", "language", "name", "role"], bad.Errors.Keys.Order());
        Assert.Equal(1, await Run(sp => sp.GetRequiredService<SoriDbContext>().Agents.CountAsync(a => a.NormalizedEmail == email.ToUpperInvariant())));
    }

    [Fact]
    public async Task SignInLink_AfterItExpires_IsRefused()
    {
        var invitation = await Invite();
        _clock.Advance(SignInLinks.Lifetime + TimeSpan.FromMinutes(1));

        Assert.Null(await Run(sp => sp.GetRequiredService<RedeemSignInLink>().Check(invitation.Agent.Id, invitation.SignInToken, default)));
        await Assert.ThrowsAsync<ValidationException>(() => Redeem(invitation.Agent.Id, invitation.SignInToken));
    }

    [Fact]
    public async Task IssueSignInLink_ReplacesTheEarlierLink_AndAWrongTokenFails()
    {
        var invitation = await Invite();
        var second = await Run(sp => sp.GetRequiredService<IssueSignInLink>().Handle(invitation.Agent.Id, default));

        await Assert.ThrowsAsync<ValidationException>(() => Redeem(invitation.Agent.Id, invitation.SignInToken));
        await Assert.ThrowsAsync<ValidationException>(() => Redeem(invitation.Agent.Id, second.Token + "x"));
        await Assert.ThrowsAsync<ValidationException>(() => Redeem(invitation.Agent.Id + 1, second.Token));
        await Redeem(invitation.Agent.Id, second.Token);
        Assert.True(await PasswordWorks(invitation.Agent.Id, Password));
        await Assert.ThrowsAsync<NotFoundException>(() => Run(sp => sp.GetRequiredService<IssueSignInLink>().Handle(999_999, default)));
    }

    [Fact]
    public async Task RedeemSignInLink_WeakOrMismatchedPassword_KeepsTheLinkAndChangesNothing()
    {
        var invitation = await Invite();

        var weak = await Assert.ThrowsAsync<ValidationException>(() => Redeem(invitation.Agent.Id, invitation.SignInToken, "short"));
        var mismatch = await Assert.ThrowsAsync<ValidationException>(() => Redeem(invitation.Agent.Id, invitation.SignInToken, Password, "other-password-1"));

        Assert.Equal(["password"], weak.Errors.Keys);
        Assert.Equal(["confirmPassword"], mismatch.Errors.Keys);
        Assert.False(await PasswordWorks(invitation.Agent.Id, Password));
        await Redeem(invitation.Agent.Id, invitation.SignInToken);
    }

    [Fact]
    public async Task ChangePassword_Rules_NameTheField()
    {
        var agent = await NewAgent();
        Task<Agent> Change(string? current, string? next, string? confirm) =>
            Run(sp => sp.GetRequiredService<ChangePassword>().Handle(agent.Id, new ChangePasswordRequest(current, next, confirm), default));

        Assert.Equal(["currentPassword"], (await Assert.ThrowsAsync<ValidationException>(() => Change("wrong-password-1", "new-password-22", "new-password-22"))).Errors.Keys);
        Assert.Equal(["newPassword"], (await Assert.ThrowsAsync<ValidationException>(() => Change(Password, "aaaaaaaaaaaa", "aaaaaaaaaaaa"))).Errors.Keys);
        Assert.Equal(["newPassword"], (await Assert.ThrowsAsync<ValidationException>(() => Change(Password, "short", "short"))).Errors.Keys);
        Assert.Equal(["confirmPassword"], (await Assert.ThrowsAsync<ValidationException>(() => Change(Password, "new-password-22", "new-password-23"))).Errors.Keys);
        Assert.Equal(["newPassword"], (await Assert.ThrowsAsync<ValidationException>(() => Change(Password, Password, Password))).Errors.Keys);
        Assert.Equal(["currentPassword", "newPassword"], (await Assert.ThrowsAsync<ValidationException>(() => Change(null, null, null))).Errors.Keys.Order());
        Assert.True(await PasswordWorks(agent.Id, Password));

        await Change(Password, "new-password-22", "new-password-22");
        Assert.True(await PasswordWorks(agent.Id, "new-password-22"));
        Assert.False(await PasswordWorks(agent.Id, Password));
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentFiveTimes_LocksTheAccount()
    {
        var agent = await NewAgent();
        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<ValidationException>(() => Run(sp => sp.GetRequiredService<ChangePassword>().Handle(agent.Id,
                new ChangePasswordRequest("wrong-password-1", "new-password-22", "new-password-22"), default)));

        await Assert.ThrowsAsync<ConflictException>(() => Run(sp => sp.GetRequiredService<ChangePassword>().Handle(agent.Id,
            new ChangePasswordRequest(Password, "new-password-22", "new-password-22"), default)));
        var listed = await Run(sp => sp.GetRequiredService<ListAgentAccounts>().Handle(default));
        Assert.NotNull(listed.Single(a => a.Id == agent.Id).LockedUntil);
    }

    [Fact]
    public async Task TwoFactor_EnrolWithAppCode_TurnsOnWithTenRecoveryCodes()
    {
        var agent = await NewAgent();
        var setup = await Run(sp => sp.GetRequiredService<ManageTwoFactor>().Setup(agent.Id, "소리 쇼핑", default));

        Assert.StartsWith("otpauth://totp/%EC%86%8C%EB%A6%AC%20%EC%87%BC%ED%95%91:", setup.AuthenticatorUri);
        Assert.Contains("&issuer=", setup.AuthenticatorUri);
        var wrong = await Assert.ThrowsAsync<ValidationException>(() => Run(sp => sp.GetRequiredService<ManageTwoFactor>().Enable(agent.Id, "000000x", default)));
        Assert.Equal(["code"], wrong.Errors.Keys);

        var codes = await Run(sp => sp.GetRequiredService<ManageTwoFactor>().Enable(agent.Id, Totp.Code(setup.SharedKey, _clock.GetUtcNow()), default));

        Assert.Equal(10, codes.Distinct().Count());
        var listed = await Run(sp => sp.GetRequiredService<ListAgentAccounts>().Handle(default));
        Assert.True(listed.Single(a => a.Id == agent.Id).TwoFactorEnabled);
        Assert.Equal(10, await Run(sp => sp.GetRequiredService<ManageTwoFactor>().RecoveryCodesLeft(agent.Id, default)));
        await Assert.ThrowsAsync<ConflictException>(() => Run(sp => sp.GetRequiredService<ManageTwoFactor>().Setup(agent.Id, "Sori", default)));
    }

    [Fact]
    public async Task TwoFactor_DisableNeedsThePassword_ResetByAdminNeedsNothing_BothDropTheKey()
    {
        var agent = await NewAgent();
        async Task<string> Enrol()
        {
            var setup = await Run(sp => sp.GetRequiredService<ManageTwoFactor>().Setup(agent.Id, "Sori", default));
            await Run(sp => sp.GetRequiredService<ManageTwoFactor>().Enable(agent.Id, Totp.Code(setup.SharedKey, _clock.GetUtcNow()), default));
            return setup.SharedKey;
        }
        var first = await Enrol();

        var wrong = await Assert.ThrowsAsync<ValidationException>(() => Run(async sp => { await sp.GetRequiredService<ManageTwoFactor>().Disable(agent.Id, "wrong-password-1", default); return 0; }));
        Assert.Equal(["password"], wrong.Errors.Keys);
        await Run(async sp => { await sp.GetRequiredService<ManageTwoFactor>().Disable(agent.Id, Password, default); return 0; });
        var second = await Enrol();
        await Run(async sp => { await sp.GetRequiredService<ManageTwoFactor>().Reset(agent.Id, default); return 0; });

        Assert.NotEqual(first, second);
        var listed = await Run(sp => sp.GetRequiredService<ListAgentAccounts>().Handle(default));
        Assert.False(listed.Single(a => a.Id == agent.Id).TwoFactorEnabled);
        var third = await Run(sp => sp.GetRequiredService<ManageTwoFactor>().Setup(agent.Id, "Sori", default));
        Assert.NotEqual(second, third.SharedKey);
        await Assert.ThrowsAsync<ConflictException>(() => Run(sp => sp.GetRequiredService<ManageTwoFactor>().RegenerateRecoveryCodes(agent.Id, default)));
    }
}
