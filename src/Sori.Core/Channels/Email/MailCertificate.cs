using System.Security.Cryptography;

namespace Sori.Core.Channels.Email;

/// <summary>
/// SHA-256 certificate fingerprints as admins see them in `openssl x509 -fingerprint -sha256`, in
/// browsers and in the connection test: 32 upper-case hex pairs joined by colons.
/// </summary>
public static class MailCertificate
{
    public const int FingerprintLength = 32 * 3 - 1;

    /// <summary>The fingerprint of a DER-encoded certificate.</summary>
    public static string Fingerprint(byte[] der) => Format(SHA256.HashData(der));

    /// <summary>
    /// Reads a fingerprint however it was pasted: with or without colons, spaces or dashes, any case,
    /// with openssl's "sha256 Fingerprint=" or a "SHA256:" prefix. False unless it is 32 bytes of hex.
    /// </summary>
    public static bool TryNormalize(string? text, out string fingerprint)
    {
        fingerprint = "";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var eq = s.LastIndexOf('=');
        if (eq >= 0) s = s[(eq + 1)..];
        if (s.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase)) s = s[7..];
        var hex = string.Concat(s.Where(c => c is not (':' or ' ' or '-')));
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit)) return false;
        fingerprint = Format(Convert.FromHexString(hex));
        return true;
    }

    private static string Format(byte[] hash) => string.Join(':', hash.Select(b => b.ToString("X2")));
}
