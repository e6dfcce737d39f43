using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Sori.Core.Common;

namespace Sori.Core.Macros;

/// <summary>
/// Placeholders in macro bodies: <c>{{customer.name}}</c>, optionally with a fallback for an empty
/// value, <c>{{customer.name|고객}}</c>. Anything between <c>{{</c> and <c>}}</c> must be a known
/// placeholder; an unknown one is a validation error. Values are inserted as text, and escaped
/// when the body is rendered as HTML.
/// </summary>
public static partial class MacroTemplate
{
    public const int MaxFallbackLength = 200;

    /// <summary>Every placeholder, with what it stands for.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> Placeholders =
    [
        ("customer.name", "the requester's name"),
        ("customer.email", "the requester's primary email address"),
        ("ticket.number", "the ticket number, without #"),
        ("ticket.subject", "the ticket's subject"),
        ("agent.name", "the name of the agent applying the macro"),
        ("desk.name", "the help desk's name (general settings)"),
    ];

    private static readonly HashSet<string> Known = Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Adds an error naming <paramref name="field"/> for every unknown or malformed placeholder.</summary>
    public static void Check(Validator v, string field, string? text)
    {
        if (text is null) return;
        foreach (Match m in PlaceholderPattern().Matches(text))
        {
            var name = m.Groups["name"].Value.Trim();
            if (!Known.Contains(name))
                v.Add(field, $"unknown placeholder {{{{{Shorten(name)}}}}}; known: {string.Join(", ", Placeholders.Select(p => "{{" + p.Name + "}}"))}.");
            if (m.Groups["fallback"].Success && m.Groups["fallback"].Value.Length > MaxFallbackLength)
                v.Add(field, $"the fallback of {{{{{Shorten(name)}}}}} must be at most {MaxFallbackLength} characters.");
        }
    }

    /// <summary>The names of the placeholders a text uses, known or not.</summary>
    public static IReadOnlyList<string> Used(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups["name"].Value.Trim()).Distinct().ToList();

    /// <summary>The body as plain text with every placeholder replaced by its value (or fallback).</summary>
    public static string Render(string text, IReadOnlyDictionary<string, string?> values) =>
        PlaceholderPattern().Replace(text.Replace("\r\n", "\n"), m => Value(m, values));

    /// <summary>The body as HTML: the text escaped, line breaks kept, values escaped like the rest.</summary>
    public static string RenderHtml(string text, IReadOnlyDictionary<string, string?> values)
    {
        var html = new StringBuilder("<div>");
        var lines = Render(text, values).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) html.Append("<br>");
            html.Append(WebUtility.HtmlEncode(lines[i]));
        }
        return html.Append("</div>").ToString();
    }

    private static string Value(Match m, IReadOnlyDictionary<string, string?> values)
    {
        var name = m.Groups["name"].Value.Trim();
        var fallback = m.Groups["fallback"].Success ? m.Groups["fallback"].Value.Trim() : "";
        return values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : fallback;
    }

    private static string Shorten(string name) => name.Length > 40 ? name[..40] + "…" : name;

    // {{ name }} or {{ name | fallback }}; braces cannot nest.
    [GeneratedRegex(@"\{\{(?<name>[^{}|]*)(?:\|(?<fallback>[^{}]*))?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
