using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Infrastructure.Email;

/// <summary>One server's check: ok, or the step that failed (connect, tls, authenticate, folder) and why.</summary>
public sealed record MailServerCheck(bool Ok, string? Step, string? Error, string? Folder = null, int? Messages = null, int? Unread = null);

public sealed record MailboxConnectionTest(bool Ok, MailServerCheck? Imap, MailServerCheck? Smtp);

/// <summary>
/// The admin's "test connection" button: signs in to the mailbox's IMAP server and opens its folder,
/// and signs in to its SMTP server (nothing is sent, nothing is read or flagged).
/// </summary>
public sealed class TestMailboxConnection(SoriDbContext db, IOptions<ImapOptions> options)
{
    public async Task<MailboxConnectionTest> Handle(long mailboxId, CancellationToken ct)
    {
        var m = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == mailboxId, ct) ?? throw new NotFoundException("Mailbox", mailboxId);
        if (m.Imap is null && m.Smtp is null)
            throw new ConflictException($"Mailbox {m.Address} has no IMAP or SMTP settings to test; its mail arrives through the drop endpoint.");
        var timeout = options.Value.Timeout < TimeSpan.FromSeconds(15) ? options.Value.Timeout : TimeSpan.FromSeconds(15);
        var imap = m.Imap is null ? null : await Check(() => CheckImap(m.Imap, timeout, ct));
        var smtp = m.Smtp is null ? null : await Check(() => CheckSmtp(m.Smtp, timeout, ct));
        return new MailboxConnectionTest(imap?.Ok != false && smtp?.Ok != false, imap, smtp);
    }

    private static async Task<MailServerCheck> CheckImap(MailServer s, TimeSpan timeout, CancellationToken ct)
    {
        using var client = await MailConnections.OpenImapAsync(s, timeout, ct);
        var folder = await MailConnections.OpenFolderAsync(client, s.Folder, ct);
        var unread = (await folder.SearchAsync(MailKit.Search.SearchQuery.NotSeen, ct)).Count;
        var result = new MailServerCheck(true, null, null, folder.FullName, folder.Count, unread);
        await client.DisconnectAsync(true, ct);
        return result;
    }

    private static async Task<MailServerCheck> CheckSmtp(MailServer s, TimeSpan timeout, CancellationToken ct)
    {
        using var client = await MailConnections.OpenSmtpAsync(s, timeout, ct);
        await client.DisconnectAsync(true, ct);
        return new MailServerCheck(true, null, null);
    }

    private static async Task<MailServerCheck> Check(Func<Task<MailServerCheck>> check)
    {
        try { return await check(); }
        catch (MailConnectionException e) { return new MailServerCheck(false, e.Step, e.Message); }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.CommandException)
        {
            return new MailServerCheck(false, "connect", $"The server broke off the connection: {e.Message}");
        }
    }
}
