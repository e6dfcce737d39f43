using Sori.Core.Channels.Email;
using Sori.Core.Common;

namespace Sori.Web.Features.Email;

/// <summary>
/// A write-only secret on the mailbox page: the stored value never comes back; typing replaces it,
/// "remove" clears it, and leaving it empty keeps it.
/// </summary>
public sealed class SecretField
{
    public bool Stored { get; set; }
    public string Value { get; set; } = "";
    public bool Remove { get; set; }

    public Maybe<string?> ToInput() => Remove ? new(true, null) : Value.Length > 0 ? new(true, Value) : default;
}

public sealed class ServerForm
{
    public bool Enabled { get; set; }
    public string Host { get; set; } = "";
    public int? Port { get; set; }
    public string Tls { get; set; } = "tls";
    public string Username { get; set; } = "";
    public string Auth { get; set; } = "password";
    public SecretField Password { get; } = new();
    public string TrustedFingerprint { get; set; } = "";
    public string Folder { get; set; } = "";
    public string ProcessedFolder { get; set; } = "";
    public string SpamFolder { get; set; } = "";

    public static ServerForm From(MailServerView? v)
    {
        var f = new ServerForm { Enabled = v is not null };
        if (v is null) return f;
        (f.Host, f.Port, f.Tls, f.Username, f.Auth) = (v.Host, v.Port, v.Tls, v.Username ?? "", v.Auth);
        f.Password.Stored = v.HasPassword;
        (f.TrustedFingerprint, f.Folder, f.ProcessedFolder, f.SpamFolder) = (v.TrustedFingerprint ?? "", v.Folder ?? "", v.ProcessedFolder ?? "", v.SpamFolder ?? "");
        return f;
    }

    public MailServerInput ToInput(bool imap) => new()
    {
        Host = Host,
        Port = Port,
        Tls = Tls,
        Username = Username.Trim(),
        Auth = Auth,
        Password = Password.ToInput(),
        TrustedFingerprint = new(true, TrustedFingerprint),
        Folder = imap ? Folder : null,
        ProcessedFolder = imap ? new(true, ProcessedFolder) : default,
        SpamFolder = imap ? new(true, SpamFolder) : default,
    };
}

/// <summary>
/// Everything the mailbox page edits, bound to its inputs, and turned into the same requests the
/// API takes (<see cref="CreateMailboxRequest"/>, <see cref="UpdateMailboxRequest"/>).
/// </summary>
public sealed class MailboxForm
{
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string FromName { get; set; } = "";
    public long? DefaultTeamId { get; set; }
    public string DefaultLanguage { get; set; } = "ko";
    public bool IsActive { get; set; } = true;
    public ServerForm Imap { get; private set; } = new() { Folder = "INBOX" };
    public ServerForm Smtp { get; private set; } = new();
    public bool UseOAuth2 { get; set; }
    public string TokenUrl { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string Scope { get; set; } = "";
    public string Mechanism { get; set; } = "auto";
    public SecretField ClientSecret { get; } = new();
    public SecretField RefreshToken { get; } = new();
    public SecretField AccessToken { get; } = new();
    public bool AutoAcknowledge { get; set; }
    public string AcknowledgementKo { get; set; } = "";
    public string AcknowledgementEn { get; set; } = "";
    public string SignatureKo { get; set; } = "";
    public string SignatureEn { get; set; } = "";
    private bool _hadOAuth2;

    public static MailboxForm From(MailboxView v)
    {
        var f = new MailboxForm
        {
            Name = v.Name, Address = v.Address, FromName = v.FromName ?? "", DefaultTeamId = v.DefaultTeamId, DefaultLanguage = v.DefaultLanguage,
            IsActive = v.IsActive, Imap = ServerForm.From(v.Imap), Smtp = ServerForm.From(v.Smtp), AutoAcknowledge = v.AutoAcknowledge,
            AcknowledgementKo = v.Acknowledgements.Ko ?? "", AcknowledgementEn = v.Acknowledgements.En ?? "",
            SignatureKo = v.Signatures.Ko ?? "", SignatureEn = v.Signatures.En ?? "",
            UseOAuth2 = v.OAuth2 is not null, _hadOAuth2 = v.OAuth2 is not null,
        };
        if (!f.Imap.Enabled) f.Imap.Folder = "INBOX";
        if (v.OAuth2 is { } g)
        {
            (f.TokenUrl, f.ClientId, f.Scope, f.Mechanism) = (g.TokenUrl ?? "", g.ClientId ?? "", g.Scope ?? "", g.Mechanism);
            (f.ClientSecret.Stored, f.RefreshToken.Stored, f.AccessToken.Stored) = (g.HasClientSecret, g.HasRefreshToken, g.HasAccessToken);
        }
        return f;
    }

    public CreateMailboxRequest ToCreate() => new(Name, Address, FromName, DefaultTeamId, DefaultLanguage, IsActive,
        Imap.Enabled ? Imap.ToInput(imap: true) : null, Smtp.Enabled ? Smtp.ToInput(imap: false) : null, AutoAcknowledge,
        UseOAuth2 ? OAuth2() : null, Signatures(), Acknowledgements());

    public UpdateMailboxRequest ToUpdate() => new()
    {
        Name = Name, Address = Address, FromName = new(true, FromName), DefaultTeamId = new(true, DefaultTeamId), DefaultLanguage = DefaultLanguage,
        IsActive = IsActive, AutoAcknowledge = AutoAcknowledge,
        Imap = new(true, Imap.Enabled ? Imap.ToInput(imap: true) : null),
        Smtp = new(true, Smtp.Enabled ? Smtp.ToInput(imap: false) : null),
        OAuth2 = UseOAuth2 ? new(true, OAuth2()) : _hadOAuth2 ? new(true, null) : default,
        Signatures = Signatures(),
        Acknowledgements = Acknowledgements(),
    };

    private MailboxOAuth2Input OAuth2() => new()
    {
        TokenUrl = new(true, TokenUrl), ClientId = new(true, ClientId), Scope = new(true, Scope), Mechanism = Mechanism,
        ClientSecret = ClientSecret.ToInput(), RefreshToken = RefreshToken.ToInput(), AccessToken = AccessToken.ToInput(),
    };

    private LocalizedTextInput Signatures() => new() { Ko = new(true, SignatureKo), En = new(true, SignatureEn) };
    private LocalizedTextInput Acknowledgements() => new() { Ko = new(true, AcknowledgementKo), En = new(true, AcknowledgementEn) };
}
