using MailKit.Security;
using MimeKit;
using Sori.Core.Channels.Email;
using Sori.Infrastructure.Email;
using Sori.Testing;

namespace Sori.Integration.Tests.Email;

/// <summary>
/// TLS to the test Dovecot and SMTP sink, whose listeners show a throwaway self-signed certificate:
/// refused (clearly, with its fingerprint) while certificates are checked as usual, taken once its
/// fingerprint is trusted, and mail goes through both ways.
/// </summary>
public sealed class MailTlsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ImapTestServer _imap = TestMailServers.Imap;
    private readonly SmtpTlsTestSink _smtp = TestMailServers.SmtpTls;

    private MailServer Imap(MailTls tls, string? trusted) => new()
    {
        Host = _imap.Host, Port = tls == MailTls.Tls ? _imap.TlsPort : _imap.Port, Tls = tls, Username = _imap.Username, Password = _imap.Password,
        TrustedFingerprint = trusted,
    };

    private MailServer Smtp(MailTls tls, string? trusted, string? password = null) => new()
    {
        Host = _smtp.Host, Port = tls == MailTls.Tls ? _smtp.TlsPort : _smtp.StartTlsPort, Tls = tls, Username = _smtp.Username,
        Password = password ?? _smtp.Password, TrustedFingerprint = trusted,
    };

    [Theory]
    [InlineData(MailTls.Tls)]
    [InlineData(MailTls.StartTls)]
    public async Task Imap_SelfSignedCertificate_IsRefusedNamingItsFingerprint(MailTls tls)
    {
        var e = await Assert.ThrowsAsync<MailConnectionException>(() => MailConnections.OpenImapAsync(Imap(tls, null), Timeout, default));

        Assert.Equal("certificate", e.Step);
        Assert.Contains($"The IMAP server {_imap.Host}:", e.Message);
        Assert.Contains("self-signed", e.Message);
        Assert.Contains($"Its SHA-256 fingerprint is {_imap.Fingerprint}", e.Message);
        Assert.Equal(_imap.Fingerprint, e.Certificate!.Fingerprint);
        Assert.Equal("CN=sori-test-mail", e.Certificate.Subject);
        Assert.True(e.Certificate.NotAfter > DateTime.UtcNow);
    }

    [Theory]
    [InlineData(MailTls.Tls)]
    [InlineData(MailTls.StartTls)]
    public async Task Imap_TrustedFingerprint_ConnectsSecurelyAndSignsIn(MailTls tls)
    {
        // Pasted as openssl prints it, lower case: stored normalized, compared exactly.
        Assert.True(MailCertificate.TryNormalize("sha256 Fingerprint=" + _imap.Fingerprint.ToLowerInvariant(), out var pinned));

        using var client = await MailConnections.OpenImapAsync(Imap(tls, pinned), Timeout, default);

        Assert.True(client.IsSecure);
        Assert.True(client.IsAuthenticated);
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task Imap_AnotherTrustedFingerprint_IsRefusedAsAChangedCertificate()
    {
        var other = string.Join(':', Enumerable.Repeat("AB", 32));

        var e = await Assert.ThrowsAsync<MailConnectionException>(() => MailConnections.OpenImapAsync(Imap(MailTls.Tls, other), Timeout, default));

        Assert.Equal("certificate", e.Step);
        Assert.Contains($"{_imap.Fingerprint} is not the trusted one ({other})", e.Message);
    }

    [Fact]
    public async Task Imap_TlsOnThePlainPort_FailsAtTheTlsStep()
    {
        var server = Imap(MailTls.Tls, _imap.Fingerprint);
        server.Port = _imap.Port;

        var e = await Assert.ThrowsAsync<MailConnectionException>(() => MailConnections.OpenImapAsync(server, Timeout, default));

        Assert.Equal("tls", e.Step);
        Assert.Contains("check the port and the tls setting", e.Message);
    }

    [Theory]
    [InlineData(MailTls.Tls)]
    [InlineData(MailTls.StartTls)]
    public async Task Smtp_SelfSignedCertificate_IsRefusedNamingItsFingerprint(MailTls tls)
    {
        var e = await Assert.ThrowsAsync<MailConnectionException>(() => MailConnections.OpenSmtpAsync(Smtp(tls, null), Timeout, default));

        Assert.Equal("certificate", e.Step);
        Assert.Contains("The SMTP server", e.Message);
        Assert.Contains(_smtp.Fingerprint, e.Message);
    }

    [Theory]
    [InlineData(MailTls.Tls)]
    [InlineData(MailTls.StartTls)]
    public async Task Smtp_TrustedFingerprint_SignsInAndSends(MailTls tls)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("help@shop.example.kr"));
        message.To.Add(MailboxAddress.Parse("minji@example.kr"));
        message.Subject = $"TLS {tls} {Guid.NewGuid():N}";
        message.Body = new TextPart("plain") { Text = "안전하게 보냅니다." };

        using (var client = await MailConnections.OpenSmtpAsync(Smtp(tls, _smtp.Fingerprint), Timeout, default))
        {
            Assert.True(client.IsSecure);
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }

        var (received, _, _) = await _smtp.Sink.WaitForAsync(m => m.Subject == message.Subject, TimeSpan.FromSeconds(10));
        Assert.Equal("PLAIN sori", received.Headers["X-Sink-Auth"]);
        Assert.Contains("안전하게 보냅니다.", received.TextBody);
    }

    [Fact]
    public async Task Smtp_WrongPasswordOverTls_FailsAtTheAuthenticateStep()
    {
        var e = await Assert.ThrowsAsync<MailConnectionException>(() =>
            MailConnections.OpenSmtpAsync(Smtp(MailTls.StartTls, _smtp.Fingerprint, "not-the-password"), Timeout, default));

        Assert.Equal("authenticate", e.Step);
        Assert.Contains($"refused the sign-in of \"{_smtp.Username}\"", e.Message);
        Assert.IsType<AuthenticationException>(e.InnerException);
    }
}
