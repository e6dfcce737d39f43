using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Sori.Core.Channels.Email;
using Sori.Core.Data;
using Sori.Infrastructure.Email;
using Sori.Testing;

namespace Sori.Integration.Tests.Email;

public sealed class MailAccessTokensTests_Sqlite(SqliteDatabase db) : MailAccessTokensTests(db), IClassFixture<SqliteDatabase>;
public sealed class MailAccessTokensTests_Postgres(PostgresDatabase db) : MailAccessTokensTests(db), IClassFixture<PostgresDatabase>;

/// <summary>
/// OAuth2 sign-in to the test Dovecot and SMTP sink (which take one token by XOAUTH2 or OAUTHBEARER)
/// with tokens refreshed at a token endpoint on 127.0.0.1, through the same adapter that talks to
/// Google or Microsoft: before expiry, and once after a refusal.
/// </summary>
public abstract class MailAccessTokensTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ImapTestServer _imap = TestMailServers.Imap;
    private readonly SmtpTlsTestSink _smtp = TestMailServers.SmtpTls;
    private ServiceProvider _services = null!;
    private TestTokenEndpoint _endpoint = null!;

    public Task InitializeAsync()
    {
        _endpoint = TestTokenEndpoint.Start(_imap.OAuthToken);
        _services = database.CreateServices(s =>
        {
            s.AddSingleton(new OAuth2TokenEndpoint(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }, TimeProvider.System));
            s.AddSingleton<MailAccessTokens>();
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        await _services.DisposeAsync();
    }

    private MailAccessTokens Tokens => _services.GetRequiredService<MailAccessTokens>();

    private async Task<Mailbox> MailboxAsync(string? accessToken, DateTime? expiresAt = null, OAuth2Mechanism mechanism = OAuth2Mechanism.Auto)
    {
        await using var scope = _services.CreateAsyncScope();
        var mailbox = await scope.ServiceProvider.GetRequiredService<CreateMailbox>().Handle(new CreateMailboxRequest(
            "OAuth", $"oauth-{Guid.NewGuid():N}"[..20] + "@shop.example.kr",
            Imap: new MailServerInput { Host = _imap.Host, Port = _imap.TlsPort, Tls = "tls", Username = _imap.Username, Auth = "oauth2", TrustedFingerprint = _imap.Fingerprint },
            Smtp: new MailServerInput { Host = _smtp.Host, Port = _smtp.TlsPort, Tls = "tls", Username = _smtp.Username, Auth = "oauth2", TrustedFingerprint = _smtp.Fingerprint },
            OAuth2: new MailboxOAuth2Input
            {
                TokenUrl = _endpoint.Url, ClientId = _endpoint.ClientId, ClientSecret = _endpoint.ClientSecret, RefreshToken = _endpoint.RefreshToken,
                AccessToken = accessToken, Scope = "https://mail.google.com/", Mechanism = TicketWire(mechanism),
            }), default);
        if (expiresAt is not null)
            await Db(db => db.Set<MailboxOAuth2>().Where(g => g.MailboxId == mailbox.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.AccessTokenExpiresAt, expiresAt)));
        return mailbox;
    }

    private static string TicketWire(OAuth2Mechanism m) => Sori.Core.Tickets.TicketStatusRules.ToWire(m);

    private async Task<T> Db<T>(Func<SoriDbContext, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SoriDbContext>());
    }

    private Task<MailboxOAuth2> Grant(long mailboxId) => Db(db => db.Set<MailboxOAuth2>().AsNoTracking().SingleAsync(g => g.MailboxId == mailboxId));

    private async Task<ImapClient> SignInToImap(Mailbox m) =>
        await MailConnections.OpenImapAsync(m.Imap!, Timeout, default, await Tokens.ForAsync(m.Id, default));

    [Fact]
    public async Task Imap_RefusedAccessToken_IsRefreshedOnceAndSignsIn()
    {
        _endpoint.RotateTo = "1//rotated-" + Guid.NewGuid().ToString("N")[..8];
        var rotated = _endpoint.RotateTo;
        var mailbox = await MailboxAsync("ya29.revoked-token");
        var updatedAt = await Db(db => db.Mailboxes.Where(m => m.Id == mailbox.Id).Select(m => m.UpdatedAt).SingleAsync());

        using var client = await SignInToImap(mailbox);

        Assert.True(client.IsAuthenticated);
        var request = Assert.Single(_endpoint.Requests);
        Assert.Equal(("refresh_token", _endpoint.ClientId, "https://mail.google.com/"),
            (request["grant_type"], request["client_id"], request["scope"]));
        var grant = await Grant(mailbox.Id);
        Assert.Equal((_imap.OAuthToken, rotated, null), (grant.AccessToken, grant.RefreshToken, grant.LastError));
        Assert.InRange(grant.AccessTokenExpiresAt!.Value, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(61));
        Assert.NotNull(grant.RefreshedAt);
        // A refreshed token is not an edit of the mailbox: its poller keeps its session.
        Assert.Equal(updatedAt, await Db(db => db.Mailboxes.Where(m => m.Id == mailbox.Id).Select(m => m.UpdatedAt).SingleAsync()));
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task Smtp_TokenAboutToExpire_IsRefreshedBeforeSigningIn()
    {
        // The stored token still works, but expires within the skew: it is replaced before use, so the server never refuses one.
        var mailbox = await MailboxAsync(_smtp.OAuthToken, DateTime.UtcNow.AddMinutes(2));
        var subject = $"OAuth2 {Guid.NewGuid():N}";

        using (var client = await MailConnections.OpenSmtpAsync(mailbox.Smtp!, Timeout, default, await Tokens.ForAsync(mailbox.Id, default)))
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(mailbox.Address));
            message.To.Add(MailboxAddress.Parse("minji@example.kr"));
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = "토큰으로 보냅니다." };
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }

        Assert.Single(_endpoint.Requests);
        var (received, _, _) = await _smtp.Sink.WaitForAsync(m => m.Subject == subject, Timeout);
        Assert.Equal($"XOAUTH2 {_smtp.Username}", received.Headers["X-Sink-Auth"]);
        Assert.True((await Grant(mailbox.Id)).AccessTokenExpiresAt > DateTime.UtcNow.AddMinutes(55));
    }

    [Fact]
    public async Task Oauthbearer_WhenChosen_IsTheMechanismBothServersSee()
    {
        var mailbox = await MailboxAsync(_imap.OAuthToken, mechanism: OAuth2Mechanism.Oauthbearer);
        var subject = $"Bearer {Guid.NewGuid():N}";

        using (var imap = await SignInToImap(mailbox)) Assert.True(imap.IsAuthenticated);
        using (var smtp = await MailConnections.OpenSmtpAsync(mailbox.Smtp!, Timeout, default, await Tokens.ForAsync(mailbox.Id, default)))
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(mailbox.Address));
            message.To.Add(MailboxAddress.Parse("minji@example.kr"));
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = "OAUTHBEARER" };
            await smtp.SendAsync(message);
        }

        Assert.Empty(_endpoint.Requests);
        var (received, _, _) = await _smtp.Sink.WaitForAsync(m => m.Subject == subject, Timeout);
        Assert.Equal($"OAUTHBEARER {_smtp.Username}", received.Headers["X-Sink-Auth"]);
    }

    [Fact]
    public async Task RefreshRefused_FailsAtTheTokenStep_AndRecordsWhy()
    {
        var mailbox = await MailboxAsync(null);
        _endpoint.RefreshToken = "1//a-different-grant";

        var e = await Assert.ThrowsAsync<MailConnectionException>(() => SignInToImap(mailbox));

        Assert.Equal("token", e.Step);
        Assert.Contains($"Refreshing the access token at {_endpoint.Url} failed", e.Message);
        Assert.Contains("invalid_grant: Token has been expired or revoked.", e.Message);
        Assert.Contains("enter the new refresh token", e.Message);
        var grant = await Grant(mailbox.Id);
        Assert.Equal(e.Message, grant.LastError);
        Assert.Null(grant.AccessToken);
    }

    [Fact]
    public async Task AccessTokenWithoutRefresh_RefusedByTheServer_SaysSo()
    {
        await using var scope = _services.CreateAsyncScope();
        var mailbox = await scope.ServiceProvider.GetRequiredService<CreateMailbox>().Handle(new CreateMailboxRequest(
            "Pasted", $"pasted-{Guid.NewGuid():N}"[..20] + "@shop.example.kr",
            Imap: new MailServerInput { Host = _imap.Host, Port = _imap.TlsPort, Tls = "tls", Username = _imap.Username, Auth = "oauth2", TrustedFingerprint = _imap.Fingerprint },
            OAuth2: new MailboxOAuth2Input { AccessToken = "ya29.expired" }), default);

        var e = await Assert.ThrowsAsync<MailConnectionException>(() => SignInToImap(mailbox));

        Assert.Equal("authenticate", e.Step);
        Assert.Contains("refused the OAuth2 access token", e.Message);
        Assert.Empty(_endpoint.Requests);
    }

    [Fact]
    public async Task ConcurrentConnections_WithAnExpiredToken_RefreshItOnce()
    {
        _endpoint.Delay = TimeSpan.FromMilliseconds(300);
        var mailbox = await MailboxAsync("ya29.old", DateTime.UtcNow.AddMinutes(-1));
        var tokens = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await (await Tokens.ForAsync(mailbox.Id, default))!.GetAsync(false, default)));

        Assert.All(tokens, t => Assert.Equal(_imap.OAuthToken, t.AccessToken));
        Assert.Single(_endpoint.Requests);
    }
}

/// <summary>Which SASL mechanism carries the token, and that it carries the user and token it was given.</summary>
public sealed class OAuth2SaslTests
{
    [Theory]
    [InlineData(OAuth2Mechanism.Auto, "XOAUTH2 OAUTHBEARER PLAIN", typeof(SaslMechanismOAuth2))]
    [InlineData(OAuth2Mechanism.Auto, "OAUTHBEARER PLAIN", typeof(SaslMechanismOAuthBearer))]
    [InlineData(OAuth2Mechanism.Auto, "PLAIN", typeof(SaslMechanismOAuth2))]
    [InlineData(OAuth2Mechanism.Oauthbearer, "XOAUTH2 OAUTHBEARER", typeof(SaslMechanismOAuthBearer))]
    [InlineData(OAuth2Mechanism.Xoauth2, "OAUTHBEARER", typeof(SaslMechanismOAuth2))]
    public void OAuth2Sasl_PicksTheMechanism_AndHandsItTheToken(OAuth2Mechanism choice, string offered, Type expected)
    {
        var sasl = MailConnections.OAuth2Sasl(choice, offered.Split(' '), "help@shop.kr", "ya29.token");

        Assert.IsType(expected, sasl);
        Assert.Equal(("help@shop.kr", "ya29.token"), (sasl.Credentials.UserName, sasl.Credentials.Password));
    }
}
