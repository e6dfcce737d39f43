using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using Sori.Core.Channels.Email;

namespace Sori.Testing;

/// <summary>
/// The throwaway Dovecot IMAP server and SMTP sinks that ./test.sh starts on 127.0.0.1
/// (SORI_TEST_IMAP, SORI_TEST_SMTP, SORI_TEST_SMTP_TLS). Tests isolate themselves by folder: each
/// makes its own. The TLS listeners share one self-signed certificate (its SHA-256 fingerprint is
/// <c>Fingerprint</c>), and both servers take the same OAuth2 token (<c>OAuthToken</c>) by XOAUTH2 or OAUTHBEARER.
/// </summary>
public static class TestMailServers
{
    public static ImapTestServer Imap => new(Settings("SORI_TEST_IMAP", "Dovecot IMAP server"));
    public static SmtpTestSink Smtp => new(Settings("SORI_TEST_SMTP", "SMTP sink (aiosmtpd)"));
    public static SmtpTlsTestSink SmtpTls => new(Settings("SORI_TEST_SMTP_TLS", "TLS SMTP sink (aiosmtpd)"));

    private static Dictionary<string, string> Settings(string variable, string what)
    {
        var value = Environment.GetEnvironmentVariable(variable)
            ?? throw new InvalidOperationException($"{variable} is not set: run the tests through ./test.sh, which starts a throwaway {what}.");
        return value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1] : "", StringComparer.OrdinalIgnoreCase);
    }
}

public sealed class ImapTestServer(Dictionary<string, string> s)
{
    public string Host { get; } = s["Host"];
    /// <summary>Plain IMAP, which also offers STARTTLS.</summary>
    public int Port { get; } = int.Parse(s["Port"]);
    /// <summary>IMAP over TLS from the first byte (993-style).</summary>
    public int TlsPort { get; } = int.Parse(s["TlsPort"]);
    public string Username { get; } = s["Username"];
    public string Password { get; } = s["Password"];
    /// <summary>The access token Dovecot takes for <see cref="Username"/> by XOAUTH2 and OAUTHBEARER (and by no other mechanism).</summary>
    public string OAuthToken { get; } = s["OAuthToken"];
    /// <summary>The SHA-256 fingerprint of the self-signed certificate of the TLS listeners.</summary>
    public string Fingerprint { get; } = s["Fingerprint"];

    /// <summary>The settings a mailbox needs to poll <paramref name="folder"/> on this server.</summary>
    public object MailboxSettings(string folder) => new { host = Host, port = Port, tls = "none", username = Username, password = Password, folder };

    public MailServer Server(string folder) => new() { Host = Host, Port = Port, Tls = MailTls.None, Username = Username, Password = Password, Folder = folder };

    /// <summary>This server over TLS from the first byte, its self-signed certificate trusted by fingerprint.</summary>
    public MailServer TlsServer(string folder) => new()
    {
        Host = Host, Port = TlsPort, Tls = MailTls.Tls, Username = Username, Password = Password, Folder = folder, TrustedFingerprint = Fingerprint,
    };

    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(Username, Password);
        return client;
    }

    /// <summary>A fresh folder for one test (class), created on the server.</summary>
    public async Task<string> CreateFolderAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
        using var client = await ConnectAsync();
        await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(name, true);
        await client.DisconnectAsync(true);
        return name;
    }

    /// <summary>Delivers a message into the folder as a mail server would (APPEND, unread); returns its UID.</summary>
    public async Task<UniqueId?> AppendAsync(string folder, MimeMessage message)
    {
        using var client = await ConnectAsync();
        var f = await client.GetFolderAsync(folder);
        await f.OpenAsync(FolderAccess.ReadWrite);
        var uid = await f.AppendAsync(new AppendRequest(message, MessageFlags.None));
        await client.DisconnectAsync(true);
        return uid;
    }

    /// <summary>Every message's UID and flags in the folder ("/" between levels, whatever the server's separator).</summary>
    public async Task<List<(uint Uid, MessageFlags Flags, string? MessageId)>> FlagsAsync(string folder)
    {
        using var client = await ConnectAsync();
        var f = await client.GetFolderAsync(folder.Replace('/', client.PersonalNamespaces[0].DirectorySeparator));
        await f.OpenAsync(FolderAccess.ReadOnly);
        var result = f.Count == 0 ? [] : (await f.FetchAsync(0, -1, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Envelope)))
            .Select(m => (m.UniqueId.Id, m.Flags ?? MessageFlags.None, m.Envelope?.MessageId)).ToList();
        await client.DisconnectAsync(true);
        return result;
    }
}

/// <summary>The sink behind STARTTLS and implicit TLS; both need a sign-in (password, or the OAuth2 token). Mail lands in the same directory.</summary>
public sealed class SmtpTlsTestSink(Dictionary<string, string> s)
{
    public string Host { get; } = s["Host"];
    public int StartTlsPort { get; } = int.Parse(s["StartTlsPort"]);
    public int TlsPort { get; } = int.Parse(s["TlsPort"]);
    public string Username { get; } = s["Username"];
    public string Password { get; } = s["Password"];
    public string OAuthToken { get; } = s["OAuthToken"];
    public string Fingerprint { get; } = s["Fingerprint"];
    public SmtpTestSink Sink { get; } = new(new Dictionary<string, string> { ["Host"] = s["Host"], ["Port"] = s["TlsPort"], ["Directory"] = s["Directory"] });
}

public sealed class SmtpTestSink(Dictionary<string, string> s)
{
    public string Host { get; } = s["Host"];
    public int Port { get; } = int.Parse(s["Port"]);
    public string Directory { get; } = s["Directory"];

    public object MailboxSettings() => new { host = Host, port = Port, tls = "none" };

    /// <summary>The first message the sink received that matches, parsed; waits for it up to <paramref name="timeout"/>.</summary>
    public async Task<(MimeMessage Message, byte[] Raw, string RcptTo)> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "new")).Order())
            {
                var bytes = await File.ReadAllBytesAsync(path);
                var message = await MimeMessage.LoadAsync(new MemoryStream(bytes));
                if (!match(message)) continue;
                var rcpt = message.Headers["X-Sink-Rcpt-To"] ?? "";
                var head = System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 2000));
                var start = head.IndexOf("\r\n", head.IndexOf("X-Sink-Rcpt-To:", StringComparison.Ordinal), StringComparison.Ordinal) + 2;
                return (message, bytes[start..], rcpt);
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The SMTP sink received no matching message in " + timeout);
            await Task.Delay(100);
        }
    }
}
