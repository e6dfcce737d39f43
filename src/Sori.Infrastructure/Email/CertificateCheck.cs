using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Sori.Core.Channels.Email;

namespace Sori.Infrastructure.Email;

/// <summary>A server certificate as the connection test shows it, so an admin can compare it with what the mail host says.</summary>
public sealed record MailCertificateInfo(string Fingerprint, string Subject, string Issuer, DateTime NotBefore, DateTime NotAfter);

/// <summary>
/// Checks a mail server's certificate during the TLS handshake: trusted when the system trusts it for
/// the host name (the usual check, revocation included), or when it is exactly the certificate the
/// admin pinned by its SHA-256 fingerprint. There is no switch that trusts everything. A refusal is
/// explained (self-signed, expired, another host's name, not the pinned one) with the certificate's
/// fingerprint, so the admin can check it with the mail host and pin it.
/// </summary>
internal sealed class CertificateCheck(MailServer server)
{
    public string? Problem { get; private set; }
    public MailCertificateInfo? Seen { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            Problem = "it sent no certificate.";
            return false;
        }
        using var cert = new X509Certificate2(certificate);
        var fingerprint = MailCertificate.Fingerprint(cert.RawData);
        Seen = new MailCertificateInfo(fingerprint, cert.Subject, cert.Issuer, cert.NotBefore.ToUniversalTime(), cert.NotAfter.ToUniversalTime());
        if (server.TrustedFingerprint is { } pinned && string.Equals(pinned, fingerprint, StringComparison.Ordinal)) return true;
        if (errors == SslPolicyErrors.None) return true;

        var why = Reasons(errors, chain, cert);
        Problem = server.TrustedFingerprint is { } expected
            ? $"{why} Its SHA-256 fingerprint {fingerprint} is not the trusted one ({expected}): the server's certificate has changed, or this is not the server you trusted."
            : $"{why} Its SHA-256 fingerprint is {fingerprint}; if the mail host confirms it, trust that fingerprint in the mailbox's settings.";
        return false;
    }

    private string Reasons(SslPolicyErrors errors, X509Chain? chain, X509Certificate2 cert)
    {
        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            reasons.Add($"its certificate is for {Names(cert)}, not {server.Host}");
        var statuses = chain?.ChainStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (a, b) => a | b) ?? X509ChainStatusFlags.NoError;
        if (statuses.HasFlag(X509ChainStatusFlags.NotTimeValid))
            reasons.Add(cert.NotAfter.ToUniversalTime() < DateTime.UtcNow
                ? $"its certificate expired on {cert.NotAfter.ToUniversalTime():yyyy-MM-dd}"
                : $"its certificate is not valid before {cert.NotBefore.ToUniversalTime():yyyy-MM-dd}");
        if (statuses.HasFlag(X509ChainStatusFlags.Revoked)) reasons.Add("its certificate has been revoked");
        if (statuses.HasFlag(X509ChainStatusFlags.UntrustedRoot) || statuses.HasFlag(X509ChainStatusFlags.PartialChain))
            reasons.Add(cert.Subject == cert.Issuer
                ? "its certificate is self-signed"
                : $"its certificate is issued by \"{cert.Issuer}\", which this machine does not trust");
        if (statuses.HasFlag(X509ChainStatusFlags.RevocationStatusUnknown) || statuses.HasFlag(X509ChainStatusFlags.OfflineRevocation))
            reasons.Add("whether its certificate was revoked could not be checked");
        if (reasons.Count == 0 && errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            reasons.Add("its certificate chain is not valid (" + string.Join("; ", chain?.ChainStatus.Select(s => s.StatusInformation.Trim()) ?? []) + ")");
        if (reasons.Count == 0) reasons.Add("its certificate was refused (" + errors + ")");
        var text = string.Join(", and ", reasons);
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    private static string Names(X509Certificate2 cert)
    {
        var names = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames().Concat(e.EnumerateIPAddresses().Select(ip => ip.ToString()))).ToList();
        return names.Count > 0 ? string.Join(", ", names) : cert.GetNameInfo(X509NameType.SimpleName, false);
    }
}
