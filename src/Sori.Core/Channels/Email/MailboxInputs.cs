using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Channels.Email;

/// <summary>
/// IMAP or SMTP settings as a client sends them. On update the object is merged into what is
/// stored: absent fields keep their value, and an absent password or token keeps the stored secret.
/// </summary>
public sealed record MailServerInput
{
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Tls { get; init; }
    public string? Username { get; init; }
    public Maybe<string?> Password { get; init; }
    public Maybe<string?> OAuth2Token { get; init; }
    public string? Folder { get; init; }
}

/// <summary>The rules shared by create and update, so both name the same fields with the same messages.</summary>
public sealed class MailboxInputs(SoriDbContext db)
{
    public async Task<string?> CheckAddressAsync(Validator v, string? address, long? id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(address)) { v.Add("address", "is required."); return null; }
        if (!EmailAddress.TryNormalize(address, out var normalized) || normalized.Length > Limits.Email)
        {
            v.Add("address", "is not a valid email address.");
            return null;
        }
        if (await db.Mailboxes.AnyAsync(m => m.Address == normalized && m.Id != id, ct))
            v.Add("address", "is already used by another mailbox.");
        return normalized;
    }

    public async Task CheckTeamAsync(Validator v, long? teamId, CancellationToken ct)
    {
        if (teamId is { } id && !await db.Teams.AnyAsync(t => t.Id == id, ct)) v.Add("defaultTeamId", $"Team {id} does not exist.");
    }

    public static void CheckLanguage(Validator v, string? language) =>
        v.When(language is not (null or "ko" or "en"), "defaultLanguage", "must be ko or en.");

    /// <summary>Merges <paramref name="input"/> into a copy of <paramref name="current"/> and checks the result.</summary>
    public static MailServer? Merge(Validator v, string field, MailServerInput? input, MailServer? current, bool imap)
    {
        if (input is null) return null;
        var s = current?.Copy() ?? new MailServer();
        var tls = TicketInputs.ParseEnum<MailTls>(v, field + ".tls", input.Tls);
        if (input.Host is not null) s.Host = input.Host.Trim();
        if (tls is not null) s.Tls = tls.Value;
        else if (current is null) s.Tls = MailTls.Tls;
        if (input.Port is not null) s.Port = input.Port.Value;
        else if (current is null || input.Tls is not null) s.Port = MailServer.DefaultPort(imap, s.Tls);
        if (input.Username is not null) s.Username = input.Username.Length == 0 ? null : input.Username;
        if (input.Password.IsSet) s.Password = string.IsNullOrEmpty(input.Password.Value) ? null : input.Password.Value;
        if (input.OAuth2Token.IsSet) s.OAuth2Token = string.IsNullOrEmpty(input.OAuth2Token.Value) ? null : input.OAuth2Token.Value;
        if (input.Folder is not null) s.Folder = input.Folder.Trim().Length == 0 ? null : input.Folder.Trim();
        if (imap) s.Folder ??= "INBOX";

        v.Required(field + ".host", s.Host, MailLimits.Host)
         .When(s.Host.Length > 0 && Uri.CheckHostName(s.Host) == UriHostNameType.Unknown, field + ".host", "is not a host name or IP address.")
         .When(s.Port is < 1 or > 65535, field + ".port", "must be between 1 and 65535.")
         .Text(field + ".username", s.Username, MailLimits.Username)
         .Text(field + ".password", s.Password, MailLimits.Secret)
         .Text(field + ".oauth2Token", s.OAuth2Token, MailLimits.Secret)
         .Text(field + ".folder", s.Folder, MailLimits.Folder);
        if (imap)
        {
            v.When(s.Username is null, field + ".username", "is required to sign in to IMAP.")
             .When(s.Password is null && s.OAuth2Token is null, field + ".password", "a password or an oauth2Token is required to sign in to IMAP.");
        }
        else
        {
            v.When(input.Folder is not null, field + ".folder", "is only used for IMAP.")
             .When(s.Username is not null && s.Password is null && s.OAuth2Token is null, field + ".password", "a password or an oauth2Token is required with a username.");
        }
        return s;
    }
}
