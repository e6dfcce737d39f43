using System.Net.Mail;
using System.Text;

namespace Sori.Core.Common;

public static class EmailAddress
{
    /// <summary>Lower-cases and trims an address; false when it is not a single plain address.</summary>
    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(value)) return false;
        var trimmed = value.Trim();
        if (trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"'))
            return false;
        // The display-name encoding given: without it MailAddress looks UTF-8 up by name on every call,
        // through the code-page provider's lock.
        if (!MailAddress.TryCreate(trimmed, null, Encoding.UTF8, out var address) || address.Address != trimmed) return false;
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || !trimmed[(at + 1)..].Contains('.')) return false;
        normalized = trimmed.ToLowerInvariant();
        return true;
    }
}
