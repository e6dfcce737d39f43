using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Channels.Email;

/// <summary>
/// IMAP or SMTP settings as a client sends them. On update the object is merged into what is
/// stored: absent fields keep their value, and an absent password keeps the stored secret.
/// </summary>
public sealed record MailServerInput
{
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Tls { get; init; }
    public string? Username { get; init; }
    /// <summary>password (default) or oauth2 (the mailbox's <c>oauth2</c> grant supplies the token).</summary>
    public string? Auth { get; init; }
    public Maybe<string?> Password { get; init; }
    public Maybe<string?> TrustedFingerprint { get; init; }
    public string? Folder { get; init; }
    public Maybe<string?> ProcessedFolder { get; init; }
    public Maybe<string?> SpamFolder { get; init; }
}

/// <summary>A mailbox's OAuth2 grant as a client sends it; merged like <see cref="MailServerInput"/>, secrets write-only.</summary>
public sealed record MailboxOAuth2Input
{
    public Maybe<string?> TokenUrl { get; init; }
    public Maybe<string?> ClientId { get; init; }
    public Maybe<string?> ClientSecret { get; init; }
    public Maybe<string?> Scope { get; init; }
    public Maybe<string?> RefreshToken { get; init; }
    public Maybe<string?> AccessToken { get; init; }
    public string? Mechanism { get; init; }
}

/// <summary>A text per customer language; on update a language left out keeps its text, null or "" clears it.</summary>
public sealed record LocalizedTextInput
{
    public Maybe<string?> Ko { get; init; }
    public Maybe<string?> En { get; init; }
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
        var auth = TicketInputs.ParseEnum<MailAuth>(v, field + ".auth", input.Auth);
        if (input.Host is not null) s.Host = input.Host.Trim();
        if (tls is not null) s.Tls = tls.Value;
        else if (current is null) s.Tls = MailTls.Tls;
        if (input.Port is not null) s.Port = input.Port.Value;
        else if (current is null || input.Tls is not null) s.Port = MailServer.DefaultPort(imap, s.Tls);
        if (input.Username is not null) s.Username = input.Username.Length == 0 ? null : input.Username;
        if (auth is not null) s.Auth = auth.Value;
        if (input.Password.IsSet) s.Password = string.IsNullOrEmpty(input.Password.Value) ? null : input.Password.Value;
        if (input.TrustedFingerprint.IsSet) s.TrustedFingerprint = Fingerprint(v, field + ".trustedFingerprint", input.TrustedFingerprint.Value);
        if (input.Folder is not null) s.Folder = Blank(input.Folder);
        if (input.ProcessedFolder.IsSet) s.ProcessedFolder = Blank(input.ProcessedFolder.Value);
        if (input.SpamFolder.IsSet) s.SpamFolder = Blank(input.SpamFolder.Value);
        if (imap) s.Folder ??= "INBOX";

        v.Required(field + ".host", s.Host, MailLimits.Host)
         .When(s.Host.Length > 0 && Uri.CheckHostName(s.Host) == UriHostNameType.Unknown, field + ".host", "is not a host name or IP address.")
         .When(s.Port is < 1 or > 65535, field + ".port", "must be between 1 and 65535.")
         .Text(field + ".username", s.Username, MailLimits.Username);
        Secret(v, field + ".password", s.Password);
        if (imap)
        {
            v.Text(field + ".folder", s.Folder, MailLimits.Folder)
             .Text(field + ".processedFolder", s.ProcessedFolder, MailLimits.Folder)
             .Text(field + ".spamFolder", s.SpamFolder, MailLimits.Folder)
             .When(SameFolder(s.ProcessedFolder, s.Folder), field + ".processedFolder", "must be another folder than the one watched.")
             .When(SameFolder(s.SpamFolder, s.Folder), field + ".spamFolder", "must be another folder than the one watched.")
             .When(s.Username is null, field + ".username", "is required to sign in to IMAP.")
             .When(s.Auth == MailAuth.Password && s.Password is null, field + ".password", "is required to sign in to IMAP (or set auth to oauth2).");
        }
        else
        {
            v.When(input.Folder is not null, field + ".folder", "is only used for IMAP.")
             .When(input.ProcessedFolder.IsSet, field + ".processedFolder", "is only used for IMAP.")
             .When(input.SpamFolder.IsSet, field + ".spamFolder", "is only used for IMAP.")
             .When(s.Auth == MailAuth.Password && s.Username is not null && s.Password is null, field + ".password", "is required with a username.")
             .When(s.Auth == MailAuth.Oauth2 && s.Username is null, field + ".username", "is required to sign in with OAuth2.");
        }
        return s;
    }

    /// <summary>Merges the grant like the servers; null input removes it. Checks that servers signing in with OAuth2 have one.</summary>
    public static MailboxOAuth2? Merge(Validator v, Maybe<MailboxOAuth2Input?> input, MailboxOAuth2? current, MailServer? imap, MailServer? smtp)
    {
        var g = !input.IsSet ? current : input.Value is null ? null : MergeGrant(v, input.Value, current);
        foreach (var (field, server) in new[] { ("imap", imap), ("smtp", smtp) })
            v.When(server?.Auth == MailAuth.Oauth2 && g is null, "oauth2", $"is required while {field}.auth is oauth2.");
        return g;
    }

    private static MailboxOAuth2 MergeGrant(Validator v, MailboxOAuth2Input input, MailboxOAuth2? current)
    {
        var g = current?.Copy() ?? new MailboxOAuth2();
        var mechanism = TicketInputs.ParseEnum<OAuth2Mechanism>(v, "oauth2.mechanism", input.Mechanism);
        if (input.TokenUrl.IsSet) g.TokenUrl = Blank(input.TokenUrl.Value);
        if (input.ClientId.IsSet) g.ClientId = Blank(input.ClientId.Value);
        if (input.ClientSecret.IsSet) g.ClientSecret = Blank(input.ClientSecret.Value);
        if (input.Scope.IsSet) g.Scope = Blank(input.Scope.Value);
        if (input.RefreshToken.IsSet) g.RefreshToken = Blank(input.RefreshToken.Value);
        if (input.AccessToken.IsSet)
        {
            g.AccessToken = Blank(input.AccessToken.Value);
            g.AccessTokenExpiresAt = null; // a pasted token's lifetime is unknown: it is used until the server refuses it
        }
        if (mechanism is not null) g.Mechanism = mechanism.Value;

        v.Text("oauth2.tokenUrl", g.TokenUrl, MailLimits.Url).Text("oauth2.scope", g.Scope, MailLimits.Url);
        foreach (var (field, value) in new[] { ("clientId", g.ClientId), ("clientSecret", g.ClientSecret), ("refreshToken", g.RefreshToken), ("accessToken", g.AccessToken) })
            Secret(v, "oauth2." + field, value);
        if (g.TokenUrl is not null && !IsTokenUrl(g.TokenUrl))
            v.Add("oauth2.tokenUrl", "must be an https:// address (http:// only on this machine, for testing).");
        var refreshing = g.TokenUrl is not null || g.ClientId is not null || g.RefreshToken is not null;
        if (refreshing)
        {
            v.When(g.TokenUrl is null, "oauth2.tokenUrl", "is required to refresh the access token.")
             .When(g.ClientId is null, "oauth2.clientId", "is required to refresh the access token.")
             .When(g.RefreshToken is null, "oauth2.refreshToken", "is required to refresh the access token.");
        }
        else v.When(g.AccessToken is null, "oauth2.refreshToken", "a refresh token (with tokenUrl and clientId) or an accessToken is required.");
        return g;
    }

    public static void CheckTemplates(Validator v, string field, LocalizedTextInput? input, IReadOnlyList<string> placeholders)
    {
        if (input is null) return;
        if (input.Ko.IsSet) MailTemplate.Check(v, field + ".ko", input.Ko.Value, placeholders);
        if (input.En.IsSet) MailTemplate.Check(v, field + ".en", input.En.Value, placeholders);
    }

    /// <summary>The stored text after <paramref name="input"/>: kept when the language was left out, cleared by null or blank.</summary>
    public static string? Text(Maybe<string?> input, string? current) =>
        !input.IsSet ? current : string.IsNullOrWhiteSpace(input.Value) ? null : input.Value.ReplaceLineEndings("\n").Trim();

    private static bool IsTokenUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && u.IsLoopback))
        && string.IsNullOrEmpty(u.UserInfo);

    private static string? Fingerprint(Validator v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (MailCertificate.TryNormalize(text, out var fingerprint)) return fingerprint;
        v.Add(field, "is not a SHA-256 fingerprint (64 hex digits, e.g. 3A:9F:…).");
        return null;
    }

    /// <summary>Secrets are taken as typed (a password may well contain "&lt;b"), only bounded and free of control characters.</summary>
    private static void Secret(Validator v, string field, string? value) =>
        v.Body(field, value, MailLimits.Secret).When(value is not null && value.Any(char.IsControl), field, "must not contain control characters.");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool SameFolder(string? a, string? b) => a is not null && b is not null
        && (a.Equals(b, StringComparison.Ordinal) || (a.Equals("INBOX", StringComparison.OrdinalIgnoreCase) && b.Equals("INBOX", StringComparison.OrdinalIgnoreCase)));
}
