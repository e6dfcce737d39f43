using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Infrastructure.Email;

/// <summary>
/// One server's check: ok, or the step that failed (connect, tls, certificate, token, authenticate, folder) and
/// why; with a certificate failure, the certificate the server showed.
/// </summary>
public sealed record MailServerCheck(bool Ok, string? Step, string? Error, string? Folder = null, int? Messages = null, int? Unread = null,
    MailCertificateInfo? Certificate = null);

public sealed record MailboxConnectionTest(bool Ok, MailServerCheck? Imap, MailServerCheck? Smtp);

/// <summary>
/// The admin's "test connection" button: signs in to the mailbox's IMAP server and opens its folder,
/// and signs in to its SMTP server (nothing is sent, nothing is read or flagged). An OAuth2 access
/// token is refreshed on the way if it has to be, as the workers would.
/// </summary>
public sealed class TestMailboxConnection(SoriDbContext db, MailAccessTokens tokens, IOptions<ImapOptions> options)
{
    public async Task<MailboxConnectionTest> Handle(long mailboxId, CancellationToken ct)
    {
        var m = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == mailboxId, ct) ?? throw new NotFoundException("Mailbox", mailboxId);
        if (m.Imap is null && m.Smtp is null)
            throw new ConflictException($"Mailbox {m.Address} has no IMAP or SMTP settings to test; its mail arrives through the drop endpoint.");
        var timeout = options.Value.Timeout < TimeSpan.FromSeconds(15) ? options.Value.Timeout : TimeSpan.FromSeconds(15);
        var imap = m.Imap is null ? null : await Check(async () => await CheckImap(m.Imap, await Tokens(m.Id, m.Imap, ct), timeout, ct));
        var smtp = m.Smtp is null ? null : await Check(async () => await CheckSmtp(m.Smtp, await Tokens(m.Id, m.Smtp, ct), timeout, ct));
        return new MailboxConnectionTest(imap?.Ok != false && smtp?.Ok != false, imap, smtp);
    }

    private async Task<IMailTokenSource?> Tokens(long mailboxId, MailServer s, CancellationToken ct) =>
        s.Auth == MailAuth.Oauth2 ? await tokens.ForAsync(mailboxId, ct) : null;

    private static async Task<MailServerCheck> CheckImap(MailServer s, IMailTokenSource? oauth2, TimeSpan timeout, CancellationToken ct)
    {
        using var client = await MailConnections.OpenImapAsync(s, timeout, ct, oauth2);
        var folder = await MailConnections.OpenFolderAsync(client, s.Folder, ct);
        var unread = (await folder.SearchAsync(MailKit.Search.SearchQuery.NotSeen, ct)).Count;
        var result = new MailServerCheck(true, null, null, folder.FullName, folder.Count, unread);
        await client.DisconnectAsync(true, ct);
        return result;
    }

    private static async Task<MailServerCheck> CheckSmtp(MailServer s, IMailTokenSource? oauth2, TimeSpan timeout, CancellationToken ct)
    {
        using var client = await MailConnections.OpenSmtpAsync(s, timeout, ct, oauth2);
        await client.DisconnectAsync(true, ct);
        return new MailServerCheck(true, null, null);
    }

    private static async Task<MailServerCheck> Check(Func<Task<MailServerCheck>> check)
    {
        try { return await check(); }
        catch (MailConnectionException e) { return new MailServerCheck(false, e.Step, e.Message, Certificate: e.Certificate); }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.CommandException)
        {
            return new MailServerCheck(false, "connect", $"The server broke off the connection: {e.Message}");
        }
    }
}
