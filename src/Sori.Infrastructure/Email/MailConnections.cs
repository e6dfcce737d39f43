using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Sori.Core.Channels.Email;

namespace Sori.Infrastructure.Email;

/// <summary>A failed step of connecting to a mail server, worded for the admin who configured it.</summary>
public sealed class MailConnectionException(string step, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>connect, tls, certificate, token, authenticate or folder.</summary>
    public string Step { get; } = step;
    /// <summary>With step certificate: the certificate the server showed, so an admin can check it and choose to trust it.</summary>
    public MailCertificateInfo? Certificate { get; init; }
}

/// <summary>
/// Opens IMAP and SMTP connections with a mailbox's settings. Every failure is a
/// <see cref="MailConnectionException"/> that says which step failed and why, in words an admin can act on.
/// Servers that sign in with OAuth2 need the mailbox's <paramref name="tokens"/>.
/// </summary>
public static class MailConnections
{
    public static async Task<ImapClient> OpenImapAsync(MailServer s, TimeSpan timeout, CancellationToken ct, IMailTokenSource? tokens = null)
    {
        var client = new ImapClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            var certificate = new CertificateCheck(s);
            client.ServerCertificateValidationCallback = certificate.Validate;
            await ConnectAsync(() => client.ConnectAsync(s.Host, s.Port, Options(s.Tls), ct), s, "IMAP", certificate, ct);
            await AuthenticateAsync(s, "IMAP", tokens, () => client.AuthenticationMechanisms,
                (user, password) => client.AuthenticateAsync(user, password, ct), sasl => client.AuthenticateAsync(sasl, ct), ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public static async Task<IMailFolder> OpenFolderAsync(ImapClient client, string? name, CancellationToken ct)
    {
        var folderName = string.IsNullOrWhiteSpace(name) ? "INBOX" : name;
        try
        {
            var folder = folderName.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(folderName, ct);
            await folder.OpenAsync(FolderAccess.ReadWrite, ct);
            return folder;
        }
        catch (Exception e) when (e is FolderNotFoundException or ImapCommandException)
        {
            throw new MailConnectionException("folder", $"The IMAP folder \"{folderName}\" cannot be opened: {e.Message}", e);
        }
    }

    public static async Task<SmtpClient> OpenSmtpAsync(MailServer s, TimeSpan timeout, CancellationToken ct, IMailTokenSource? tokens = null)
    {
        var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            var certificate = new CertificateCheck(s);
            client.ServerCertificateValidationCallback = certificate.Validate;
            await ConnectAsync(() => client.ConnectAsync(s.Host, s.Port, Options(s.Tls), ct), s, "SMTP", certificate, ct);
            if (s.Username is not null)
                await AuthenticateAsync(s, "SMTP", tokens, () => client.AuthenticationMechanisms,
                    (user, password) => client.AuthenticateAsync(user, password, ct), sasl => client.AuthenticateAsync(sasl, ct), ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The SASL mechanism that carries an OAuth2 token: the mailbox's choice, or with <c>auto</c> XOAUTH2
    /// where the server lists it (Gmail, Microsoft 365, Dovecot), else OAUTHBEARER where listed, else XOAUTH2.
    /// </summary>
    public static SaslMechanism OAuth2Sasl(OAuth2Mechanism choice, ICollection<string> offered, string user, string token)
    {
        var bearer = choice == OAuth2Mechanism.Oauthbearer
                     || (choice == OAuth2Mechanism.Auto && !offered.Contains("XOAUTH2") && offered.Contains("OAUTHBEARER"));
        return bearer ? new SaslMechanismOAuthBearer(user, token) : new SaslMechanismOAuth2(user, token);
    }

    private static SecureSocketOptions Options(MailTls tls) => tls switch
    {
        MailTls.None => SecureSocketOptions.None,
        MailTls.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.SslOnConnect,
    };

    private static async Task ConnectAsync(Func<Task> connect, MailServer s, string protocol, CertificateCheck certificate, CancellationToken ct)
    {
        var where = $"{protocol} server {s.Host}:{s.Port}";
        try { await connect(); }
        catch (SocketException e) { throw new MailConnectionException("connect", $"Could not connect to the {where}: {e.Message}", e); }
        catch (SslHandshakeException e) when (certificate.Problem is { } problem)
        {
            throw new MailConnectionException("certificate", $"The {where} is not trusted: {problem}", e) { Certificate = certificate.Seen };
        }
        catch (SslHandshakeException e) { throw new MailConnectionException("tls", $"The TLS handshake with the {where} failed (check the port and the tls setting): {e.Message}", e); }
        catch (NotSupportedException e) when (s.Tls == MailTls.StartTls) { throw new MailConnectionException("tls", $"The {where} does not offer STARTTLS: {e.Message}", e); }
        catch (TimeoutException e) { throw new MailConnectionException("connect", $"The {where} did not answer in time.", e); }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new MailConnectionException("connect", $"The {where} did not answer in time.", e);
        }
        catch (Exception e) when (e is IOException or ProtocolException)
        {
            throw new MailConnectionException("connect", $"The {where} broke off the connection (is it really {protocol}, with tls \"{Wire(s.Tls)}\"?): {e.Message}", e);
        }
    }

    private static async Task AuthenticateAsync(MailServer s, string protocol, IMailTokenSource? tokens, Func<ICollection<string>> offered,
        Func<string, string, Task> withPassword, Func<SaslMechanism, Task> withSasl, CancellationToken ct)
    {
        var user = s.Username ?? "";
        try
        {
            if (s.Auth == MailAuth.Password)
            {
                await withPassword(user, s.Password ?? "");
                return;
            }
            if (tokens is null)
                throw new MailConnectionException("authenticate", $"The {protocol} server {s.Host} is set to sign in with OAuth2, but the mailbox has no OAuth2 settings.");
            var token = await tokens.GetAsync(refresh: false, ct);
            try
            {
                await withSasl(OAuth2Sasl(tokens.Mechanism, offered(), user, token.AccessToken));
                return;
            }
            catch (AuthenticationException) when (!token.Fresh && tokens.CanRefresh)
            {
                // The token may have been revoked or expired early: a new one, once.
                token = await tokens.GetAsync(refresh: true, ct);
            }
            await withSasl(OAuth2Sasl(tokens.Mechanism, offered(), user, token.AccessToken));
        }
        catch (AuthenticationException e)
        {
            var what = s.Auth == MailAuth.Password ? $"the sign-in of \"{s.Username}\"" : $"the OAuth2 access token of \"{s.Username}\"";
            throw new MailConnectionException("authenticate", $"The {protocol} server {s.Host} refused {what}: {e.Message}", e);
        }
        catch (Exception e) when (e is ProtocolException or IOException or CommandException or NotSupportedException)
        {
            throw new MailConnectionException("authenticate", $"Signing in to the {protocol} server {s.Host} failed: {e.Message}", e);
        }
    }

    private static string Wire(MailTls tls) => Sori.Core.Tickets.TicketStatusRules.ToWire(tls);
}
