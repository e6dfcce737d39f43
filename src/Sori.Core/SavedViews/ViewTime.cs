using System.Globalization;
using System.Text.RegularExpressions;

namespace Sori.Core.SavedViews;

/// <summary>
/// The bounds of a view's date ranges: relative to now ("-7d", "-12h", "-30m", "-2w") or absolute
/// ("2026-03-01", "2026-03-01T09:00" in the desk's zone, or "2026-03-01T00:00:00Z" / "+09:00").
/// </summary>
public static partial class ViewTime
{
    public const int MaxLength = 40;
    private const int MaxMinutesBack = 10 * 366 * 24 * 60;
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    /// <summary>The UTC instant; <paramref name="end"/> makes a date without a time mean the end of that day.</summary>
    public static bool TryResolve(string? text, bool end, DateTime utcNow, TimeZoneInfo zone, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength) return false;
        text = text.Trim();
        var relative = RelativePattern().Match(text);
        if (relative.Success)
        {
            if (!int.TryParse(relative.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
            var minutes = (long)n * relative.Groups[2].Value switch { "m" => 1, "h" => 60, "d" => 1440, _ => 10080 };
            if (minutes > MaxMinutesBack) return false;
            utc = utcNow.AddMinutes(-minutes);
            return true;
        }
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return FromLocal(end ? day.AddDays(1) : day, zone, out utc);
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return FromLocal(local, zone, out utc);
        if (text.Contains('T') && (text.EndsWith('Z') || OffsetPattern().IsMatch(text))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            utc = withOffset.UtcDateTime;
            return true;
        }
        return false;
    }

    private static bool FromLocal(DateTime local, TimeZoneInfo zone, out DateTime utc)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A time skipped by a daylight-saving change has no UTC instant; take the hour after it.
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return true;
    }

    [GeneratedRegex(@"^-(\d{1,7})([mhdw])$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativePattern();

    [GeneratedRegex(@"[+-]\d{2}:\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();
}
