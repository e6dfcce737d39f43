using Sori.Core.Common;

namespace Sori.Core.Webhooks;

/// <summary>The rules shared by create and update, so both name the same fields with the same messages.</summary>
internal static class WebhookInputs
{
    public const int UrlMaxLength = 2000;

    public static void CheckUrl(Validator v, string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) { v.Add("url", "is required."); return; }
        if (url.Length > UrlMaxLength) { v.Add("url", $"must be at most {UrlMaxLength} characters."); return; }
        // Only plain web endpoints: file:, ftp:, gopher: and the like would let a subscription read or poke local resources.
        var ok = Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host) && string.IsNullOrEmpty(uri.UserInfo);
        v.When(!ok, "url", "must be an absolute http or https URL without credentials.");
    }

    /// <summary>Checks and normalizes the event list: known names only, no repeats, "*" alone when present.</summary>
    public static List<string> CheckEvents(Validator v, IReadOnlyList<string>? events)
    {
        var names = (events ?? []).Select(e => e?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) { v.Add("events", "must name at least one event, or \"*\" for all."); return names; }
        var unknown = names.Where(n => !WebhookEvents.Known.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
            v.Add("events", $"unknown event {string.Join(", ", unknown.Select(u => $"\"{u}\""))}; known: {string.Join(", ", WebhookEvents.Known)}.");
        return names.Contains(WebhookEvents.All) ? [WebhookEvents.All] : names;
    }
}
