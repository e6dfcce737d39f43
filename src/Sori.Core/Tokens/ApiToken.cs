using System.Security.Cryptography;
using System.Text;

namespace Sori.Core.Tokens;

public static class TokenScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
    public static readonly string[] All = [Read, Write, Admin];
}

/// <summary>
/// A long-lived credential for scripts and integrations. Only a SHA-256 hash of the secret is
/// stored; the plain token ("sori_" + prefix + "_" + secret) is shown once at creation.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    public string SecretHash { get; private set; } = "";
    public List<string> Scopes { get; private set; } = [];
    public long? CreatedByAgentId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    private ApiToken() { }

    public static (ApiToken Token, string PlainText) Issue(string name, IEnumerable<string> scopes, long? createdBy, DateTime now, DateTime? expiresAt = null)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Name = name.Trim(),
            Prefix = prefix,
            SecretHash = Hash(secret),
            Scopes = scopes.Distinct().ToList(),
            CreatedByAgentId = createdBy,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (token, $"sori_{prefix}_{secret}");
    }

    public static bool TryParse(string plain, out string prefix, out string secret)
    {
        prefix = secret = "";
        var parts = plain.Split('_', 3);
        if (parts.Length != 3 || parts[0] != "sori" || parts[1].Length != 8 || parts[2].Length < 20) return false;
        (prefix, secret) = (parts[1], parts[2]);
        return true;
    }

    public bool Verify(string secret, DateTime now) =>
        RevokedAt is null && (ExpiresAt is null || ExpiresAt > now) &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    public void Revoke(DateTime now) => RevokedAt ??= now;

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
