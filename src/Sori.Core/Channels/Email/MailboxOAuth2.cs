namespace Sori.Core.Channels.Email;

/// <summary>Which SASL mechanism carries the access token: XOAUTH2 (Google, Microsoft), OAUTHBEARER (RFC 7628), or whichever the server offers.</summary>
public enum OAuth2Mechanism { Auto, Xoauth2, Oauthbearer }

/// <summary>
/// A mailbox's OAuth2 grant for providers that refuse passwords (Gmail, Microsoft 365): the access
/// token its servers sign in with, and what is needed to get a new one from the provider's token
/// endpoint (a refresh token and the app's client id and secret). Admins write these; only the
/// workers read the secrets. The token fields are updated by whichever node refreshes them.
/// </summary>
public sealed class MailboxOAuth2
{
    public long MailboxId { get; private set; }
    /// <summary>The provider's token endpoint (https://oauth2.googleapis.com/token).</summary>
    public string? TokenUrl { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Asked for on refresh when set (space-separated, e.g. https://mail.google.com/).</summary>
    public string? Scope { get; set; }
    public string? RefreshToken { get; set; }
    public string? AccessToken { get; set; }
    /// <summary>When the access token stops working; null when unknown (then it is used until refused).</summary>
    public DateTime? AccessTokenExpiresAt { get; set; }
    public OAuth2Mechanism Mechanism { get; set; }
    public DateTime? RefreshedAt { get; private set; }
    /// <summary>Why the last refresh failed; cleared by the next good one.</summary>
    public string? LastError { get; private set; }
    public DateTime? LastErrorAt { get; private set; }

    /// <summary>Whether a new access token can be asked for.</summary>
    public bool CanRefresh => TokenUrl is not null && ClientId is not null && RefreshToken is not null;

    public MailboxOAuth2 Copy() => (MailboxOAuth2)MemberwiseClone();

    /// <summary>Takes the admin's settings from <paramref name="edited"/> (a merged copy); new credentials forget what was learnt about the old ones.</summary>
    public void Apply(MailboxOAuth2 edited)
    {
        var newCredentials = edited.TokenUrl != TokenUrl || edited.ClientId != ClientId || edited.ClientSecret != ClientSecret
                             || edited.RefreshToken != RefreshToken || edited.AccessToken != AccessToken;
        (TokenUrl, ClientId, ClientSecret, Scope, RefreshToken, AccessToken, AccessTokenExpiresAt, Mechanism) =
            (edited.TokenUrl, edited.ClientId, edited.ClientSecret, edited.Scope, edited.RefreshToken, edited.AccessToken, edited.AccessTokenExpiresAt, edited.Mechanism);
        if (!newCredentials) return;
        RefreshedAt = null;
        LastError = null;
        LastErrorAt = null;
    }
}
