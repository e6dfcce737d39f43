using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sori.Core.Webhooks;

/// <summary>
/// The signing scheme receivers verify (documented in docs/api.md): HMAC-SHA256 keyed with the UTF-8
/// bytes of the whole subscription secret, over the UTF-8 bytes of "{timestamp}.{raw body}", sent as
/// "X-Sori-Signature: sha256={lower-case hex}". The timestamp is signed so that a captured request
/// cannot be replayed later: receivers reject timestamps outside a tolerance.
/// </summary>
public static class WebhookSignature
{
    public const string Scheme = "sha256=";
    public const string SecretPrefix = "whsec_";
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Compute(string secret, long timestamp, string body)
    {
        var message = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>True when <paramref name="signature"/> is ours for this body and the timestamp is within tolerance of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? timestamp, string body, string? signature, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (tolerance ?? DefaultTolerance).TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secret, seconds, body));
        // Constant-time, so response timing does not reveal how much of a forged signature was right.
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim()));
    }

    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
