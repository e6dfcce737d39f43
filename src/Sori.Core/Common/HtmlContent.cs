using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Sori.Core.Common;

/// <summary>Cleans inbound HTML to a safe subset and derives a text version when only HTML was given.</summary>
public static class HtmlContent
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    public static string ToText(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        foreach (var br in doc.QuerySelectorAll("br")) br.Replace(doc.CreateTextNode("\n"));
        foreach (var block in doc.QuerySelectorAll("p, div, li, tr, h1, h2, h3, h4, h5, h6"))
            block.Append(doc.CreateTextNode("\n"));
        var text = doc.Body?.TextContent ?? "";
        var lines = text.Replace("\r", "").Split('\n').Select(l => l.TrimEnd());
        return string.Join('\n', lines).Trim();
    }

    /// <summary>The stored pair: text always, HTML only when given and only sanitized.</summary>
    public static (string Text, string? Html) Normalize(string? text, string? html)
    {
        var safeHtml = string.IsNullOrWhiteSpace(html) ? null : Sanitize(html);
        var plain = !string.IsNullOrWhiteSpace(text) ? text.Replace("\r\n", "\n").Trim() : safeHtml is null ? "" : ToText(safeHtml);
        return (plain, string.IsNullOrWhiteSpace(safeHtml) ? null : safeHtml);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Add("cid");
        s.AllowedSchemes.Add("mailto");
        s.AllowedAttributes.Remove("style");
        s.AllowedTags.Remove("form");
        s.AllowedTags.Remove("input");
        s.AllowedTags.Remove("button");
        s.AllowedTags.Remove("textarea");
        s.AllowedTags.Remove("select");
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a)
            {
                a.SetAttribute("rel", "noopener noreferrer nofollow");
                a.SetAttribute("target", "_blank");
            }
        };
        return s;
    }
}
