using System.Net.Sockets;
using MailKit.Net.Imap;
using MailKit.Security;

namespace Sori.Bench.Hosting;

/// <summary>
/// A throwaway Dovecot IMAP server on a free 127.0.0.1 port, configured like the one ./test.sh starts
/// (plain IMAP, one user, maildir in a temp folder), stopped by PID and removed on dispose.
/// </summary>
public sealed class Dovecot : IDisposable
{
    public const string Binary = "/usr/sbin/dovecot";
    public const string User = "sori";

    private readonly ChildProcess _process;
    private readonly string _dir;

    public int Port { get; }
    public string Password { get; }

    private Dovecot(ChildProcess process, string dir, int port, string password) => (_process, _dir, Port, Password) = (process, dir, port, password);

    public static async Task<Dovecot> StartAsync(CancellationToken ct)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is missing: apt-get install dovecot-imapd (./test.sh and bench/run.sh install it).");
        var dir = Directory.CreateTempSubdirectory("sori-bench-dovecot-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(Path.Combine(dir, "run"));
        var mail = Directory.CreateDirectory(Path.Combine(dir, "mail", User)).FullName;
        var root = Environment.UserName == "root";
        var (uid, gid) = root ? (Id("-u", "nobody"), Id("-g", "nobody")) : (Id("-u", null), Id("-g", null));
        if (root) await ChildProcess.RunAsync("chown", ["-R", $"{uid}:{gid}", Path.Combine(dir, "mail")], ct);
        var password = "bench-" + Guid.NewGuid().ToString("N")[..12];
        var port = FreePort.Next();
        await File.WriteAllTextAsync(Path.Combine(dir, "users"), $"{User}:{{PLAIN}}{password}:{uid}:{gid}::{mail}::\n", ct);
        string[] conf =
        [
            "protocols = imap", "listen = 127.0.0.1", $"base_dir = {dir}/run", $"state_dir = {dir}/run", $"log_path = {dir}/dovecot.log",
            "ssl = no", "disable_plaintext_auth = no", "auth_mechanisms = plain login", "auth_failure_delay = 0",
            "login_trusted_networks = 127.0.0.0/8", $"default_login_user = {(root ? "dovenull" : Environment.UserName)}",
            $"default_internal_user = {(root ? "dovecot" : Environment.UserName)}", "first_valid_uid = 1", "mail_location = maildir:~/Maildir",
            // How soon an IDLE session notices mail another session appended (inotify usually tells it at once).
            "mailbox_idle_check_interval = 1 secs",
            "passdb {", "  driver = passwd-file", $"  args = scheme=PLAIN username_format=%u {dir}/users", "}",
            "userdb {", "  driver = passwd-file", $"  args = username_format=%u {dir}/users", "}",
            "service imap-login {", "  inet_listener imap {", "    address = 127.0.0.1", $"    port = {port}", "  }", "  inet_listener imaps {", "    port = 0", "  }", "}",
        ];
        await File.WriteAllLinesAsync(Path.Combine(dir, "dovecot.conf"), conf, ct);
        var process = ChildProcess.Start(Binary, ["-F", "-c", Path.Combine(dir, "dovecot.conf")], new Dictionary<string, string>(), dir, Path.Combine(dir, "stdout.log"));
        var dovecot = new Dovecot(process, dir, port, password);
        for (var i = 0; ; i++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port, ct);
                return dovecot;
            }
            catch (SocketException) when (i < 100 && !process.HasExited) { await Task.Delay(100, ct); }
            catch (SocketException) { dovecot.Dispose(); throw new InvalidOperationException("Dovecot did not start:\n" + process.Tail()); }
        }
    }

    public async Task<ImapClient> ConnectAsync(CancellationToken ct)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None, ct);
        await client.AuthenticateAsync(User, Password, ct);
        return client;
    }

    private static int Id(string flag, string? user) =>
        int.Parse(System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("id", user is null ? [flag] : [flag, user]) { RedirectStandardOutput = true })!
            .StandardOutput.ReadToEnd().Trim());

    public void Dispose()
    {
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
