using System.Text;

namespace Sori.Core.Customers;

/// <summary>
/// Phone numbers as people write them ("010-1234-5678", "+82 10 1234 5678", "010.1234.5678") and
/// one form to compare them by: E.164 ("+821012345678") where the number can be read as one, a
/// number without a country code taken as Korean (+82, the trunk 0 dropped); otherwise its digits.
/// The shown form is kept as typed; only this key is searched and compared.
/// </summary>
public static class PhoneNumber
{
    public const string DefaultCountryCode = "82";

    /// <summary>Characters a phone number may be written with besides digits.</summary>
    public static bool IsSeparator(char c) => c is ' ' or '-' or '.' or '(' or ')' or '/' or '\u00A0' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212';

    /// <summary>Digits, separators and one leading "+", with at least one digit.</summary>
    public static bool LooksLikePhone(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        var start = t[0] is '+' or '\uFF0B' ? 1 : 0;
        var digits = 0;
        for (var i = start; i < t.Length; i++)
        {
            if (char.IsDigit(t[i])) digits++;
            else if (!IsSeparator(t[i])) return false;
        }
        return digits > 0;
    }

    /// <summary>
    /// The comparison key of a number: E.164 when it reads as one, else its digits, else (no digits at
    /// all) the trimmed text in lower case. Never null, so every stored phone has a key.
    /// </summary>
    public static string Key(string? text)
    {
        var (plus, digits) = Split(text);
        if (digits.Length == 0) return (text ?? "").Trim().ToLowerInvariant();
        return ToE164(plus, digits) ?? digits;
    }

    /// <summary>E.164 ("+821012345678") when the text reads as a full number; null otherwise.</summary>
    public static string? ToE164(string? text)
    {
        var (plus, digits) = Split(text);
        return digits.Length == 0 ? null : ToE164(plus, digits);
    }

    /// <summary>
    /// What a search for part of a number looks for inside the stored keys: its digits, without a
    /// leading trunk 0 (stored Korean numbers start "+8210…", a search may start "010-…"). Null when the
    /// text is not written like a phone number or has fewer than <paramref name="minDigits"/> digits.
    /// </summary>
    public static string? SearchDigits(string? text, int minDigits = 4)
    {
        if (!LooksLikePhone(text)) return null;
        var (plus, digits) = Split(text);
        if (digits.Length < minDigits) return null;
        return !plus && digits.Length > 1 && digits[0] == '0' && digits[1] != '0' ? digits[1..] : digits;
    }

    private static string? ToE164(bool plus, string digits)
    {
        if (plus)
        {
            // "+82 010 1234 5678" and "+82 (0)10 …": the trunk 0 does not belong after the country code.
            if (digits.StartsWith(DefaultCountryCode + "0", StringComparison.Ordinal)) digits = DefaultCountryCode + digits[3..];
            return digits.Length is >= 8 and <= 15 && digits[0] != '0' ? "+" + digits : null;
        }
        // "00…" dials out of Korea through one of several carriers' prefixes (001, 002, 00700…): the country is unclear.
        if (digits.StartsWith("00", StringComparison.Ordinal)) return null;
        // A Korean number with its trunk prefix: 02-123-4567, 031-123-4567, 010-1234-5678, 070-…, 0505-…
        if (digits[0] == '0') return digits.Length is >= 9 and <= 12 ? "+" + DefaultCountryCode + digits[1..] : null;
        // The country code written without "+": 82-10-1234-5678 (no Korean number starts with 82 without its trunk 0).
        if (digits.StartsWith(DefaultCountryCode, StringComparison.Ordinal) && digits.Length is >= 10 and <= 13)
        {
            var national = digits[2..];
            if (national[0] == '0') national = national[1..];
            return "+" + DefaultCountryCode + national;
        }
        // Nationwide service numbers have no trunk prefix: 1588-1234, 1644-…, 1899-…
        if (digits.Length == 8 && digits[0] == '1' && digits[1] is '5' or '6' or '8') return "+" + DefaultCountryCode + digits;
        return null;
    }

    private static (bool Plus, string Digits) Split(string? text)
    {
        var t = (text ?? "").Trim();
        var plus = t.Length > 0 && t[0] is '+' or '\uFF0B';
        var digits = new StringBuilder(t.Length);
        foreach (var c in t)
        {
            // Full-width and other scripts' digits count as their value.
            if (char.IsDigit(c)) digits.Append((char)('0' + (int)char.GetNumericValue(c)));
        }
        return (plus, digits.ToString());
    }
}
