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
    /// <summary>connect, tls, authenticate or folder.</summary>
    public string Step { get; } = step;
}

/// <summary>
/// Opens IMAP and SMTP connections with a mailbox's settings. Every failure is a
/// <see cref="MailConnectionException"/> that says which step failed and why, in words an admin can act on.
/// </summary>
public static class MailConnections
{
    public static async Task<ImapClient> OpenImapAsync(MailServer s, TimeSpan timeout, CancellationToken ct)
    {
        var client = new ImapClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await ConnectAsync(() => client.ConnectAsync(s.Host, s.Port, Options(s.Tls), ct), s, "IMAP", ct);
            await AuthenticateAsync(s, "IMAP", (user, password) => client.AuthenticateAsync(user, password, ct),
                sasl => client.AuthenticateAsync(sasl, ct));
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

    public static async Task<SmtpClient> OpenSmtpAsync(MailServer s, TimeSpan timeout, CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await ConnectAsync(() => client.ConnectAsync(s.Host, s.Port, Options(s.Tls), ct), s, "SMTP", ct);
            if (s.Username is not null)
                await AuthenticateAsync(s, "SMTP", (user, password) => client.AuthenticateAsync(user, password, ct),
                    sasl => client.AuthenticateAsync(sasl, ct));
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions Options(MailTls tls) => tls switch
    {
        MailTls.None => SecureSocketOptions.None,
        MailTls.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.SslOnConnect,
    };

    private static async Task ConnectAsync(Func<Task> connect, MailServer s, string protocol, CancellationToken ct)
    {
        var where = $"{protocol} server {s.Host}:{s.Port}";
        try { await connect(); }
        catch (SocketException e) { throw new MailConnectionException("connect", $"Could not connect to the {where}: {e.Message}", e); }
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

    private static async Task AuthenticateAsync(MailServer s, string protocol, Func<string, string, Task> withPassword, Func<SaslMechanism, Task> withSasl)
    {
        try
        {
            if (s.OAuth2Token is { } token) await withSasl(new SaslMechanismOAuth2(s.Username ?? "", token));
            else await withPassword(s.Username ?? "", s.Password ?? "");
        }
        catch (AuthenticationException e)
        {
            throw new MailConnectionException("authenticate", $"The {protocol} server {s.Host} refused the sign-in of \"{s.Username}\": {e.Message}", e);
        }
        catch (Exception e) when (e is ProtocolException or IOException or CommandException or NotSupportedException)
        {
            throw new MailConnectionException("authenticate", $"Signing in to the {protocol} server {s.Host} failed: {e.Message}", e);
        }
    }

    private static string Wire(MailTls tls) => Sori.Core.Tickets.TicketStatusRules.ToWire(tls);
}
