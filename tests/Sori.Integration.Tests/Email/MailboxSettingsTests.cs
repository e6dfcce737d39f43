using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Channels.Email;
using Sori.Core.Data;
using Sori.Testing;

namespace Sori.Integration.Tests.Email;

public sealed class MailboxSettingsTests_Sqlite(SqliteDatabase db) : MailboxSettingsTests(db), IClassFixture<SqliteDatabase>;
public sealed class MailboxSettingsTests_Postgres(PostgresDatabase db) : MailboxSettingsTests(db), IClassFixture<PostgresDatabase>;

/// <summary>Mailbox settings as stored: servers saved before sign-in methods existed, and the grant's own table.</summary>
public abstract class MailboxSettingsTests(TestDatabase database)
{
    private async Task<T> Run<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var services = database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    [Fact]
    public async Task StoredServers_WithTheMigrationsDefaultSignIn_ReadBackAsBefore()
    {
        var (withImap, without) = await Run(async sp =>
        {
            var create = sp.GetRequiredService<CreateMailbox>();
            var a = await create.Handle(new CreateMailboxRequest("a", $"a-{Guid.NewGuid():N}"[..16] + "@shop.kr",
                Imap: new MailServerInput { Host = "imap.shop.kr", Username = "u", Password = "p" }), default);
            var b = await create.Handle(new CreateMailboxRequest("b", $"b-{Guid.NewGuid():N}"[..16] + "@shop.kr"), default);
            return (a.Id, b.Id);
        });
        // What the migration leaves in rows written before it: the column default everywhere, with or without a server.
        await Run(sp => sp.GetRequiredService<SoriDbContext>().Database.ExecuteSqlRawAsync(
            """UPDATE "Mailboxes" SET "Imap_Auth" = 'Password', "Smtp_Auth" = 'Password'"""));

        var views = await Run(async sp => await sp.GetRequiredService<GetMailboxes>().List(default));

        var a = views.Single(v => v.Id == withImap);
        Assert.Equal(("imap.shop.kr", "password", true), (a.Imap!.Host, a.Imap.Auth, a.Imap.HasPassword));
        Assert.Null(a.Smtp);
        var b = views.Single(v => v.Id == without);
        Assert.Null(b.Imap);
        Assert.Null(b.Smtp);
    }

    [Fact]
    public async Task DeletingAMailbox_DeletesItsGrant()
    {
        var id = await Run(async sp => (await sp.GetRequiredService<CreateMailbox>().Handle(new CreateMailboxRequest("g", $"g-{Guid.NewGuid():N}"[..16] + "@shop.kr",
            OAuth2: new MailboxOAuth2Input { AccessToken = "ya29.x" }), default)).Id);
        Assert.True(await Run(sp => sp.GetRequiredService<SoriDbContext>().Set<MailboxOAuth2>().AnyAsync(g => g.MailboxId == id)));

        await Run(async sp => { await sp.GetRequiredService<DeleteMailbox>().Handle(id, default); return 0; });

        Assert.False(await Run(sp => sp.GetRequiredService<SoriDbContext>().Set<MailboxOAuth2>().AnyAsync(g => g.MailboxId == id)));
    }
}
