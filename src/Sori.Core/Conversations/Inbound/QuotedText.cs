using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Sori.Core.Conversations.Inbound;

/// <summary>
/// Trims a reply to what is new in it: the quoted history ("On … wrote:", "2026년 3월 2일 … 님이 작성:",
/// "-----Original Message-----", Outlook's header block, "&gt;" lines) and the signature ("-- ").
/// Only replies are trimmed: a first message may be a forward whose quoted part is the point.
/// </summary>
public static partial class QuotedText
{
    public static string TrimReply(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var cut = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!StartsHistory(lines, i)) continue;
            cut = i;
            break;
        }
        // Trailing "> quoted" lines (bottom-posted history without an attribution line).
        while (cut > 0 && (lines[cut - 1].TrimStart().StartsWith('>') || lines[cut - 1].Trim().Length == 0)) cut--;
        var kept = TrimSignature(lines[..cut]);
        var result = string.Join('\n', kept).Trim();
        return result.Length == 0 ? text.Trim() : result;
    }

    public static string TrimSignatureOnly(string text) =>
        string.Join('\n', TrimSignature(text.Replace("\r\n", "\n").Split('\n'))).Trim() is { Length: > 0 } t ? t : text.Trim();

    /// <summary>Removes quoted history that mail clients mark in HTML (Gmail, Apple Mail, Thunderbird, Outlook, Naver, Daum).</summary>
    public static string TrimReplyHtml(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        foreach (var e in doc.QuerySelectorAll("div.gmail_quote, blockquote[type=cite], div.moz-cite-prefix, div.yahoo_quoted, div.protonmail_quote, blockquote.gmail_quote").ToList())
            e.Remove();
        // Outlook puts the history after a separator block; everything from it on is history.
        if (doc.QuerySelector("#divRplyFwdMsg, #appendonsend, div.OutlookMessageHeader") is { } outlook)
        {
            var parent = outlook.Parent;
            var remove = false;
            foreach (var sibling in parent?.ChildNodes.ToList() ?? [])
            {
                if (sibling == outlook) remove = true;
                if (remove) parent!.RemoveChild(sibling);
            }
        }
        return doc.Body?.InnerHtml ?? html;
    }

    private static bool StartsHistory(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (line.Length == 0) return false;
        if (OriginalMessage().IsMatch(line)) return true;
        if (Attribution().IsMatch(line)) return true;
        // An attribution wrapped onto two lines ("On Mon, 2 Mar 2026 at 09:00, Kim Minji\n<minji@example.kr> wrote:").
        if (i + 1 < lines.Length && Attribution().IsMatch(line + " " + lines[i + 1].Trim()) && !Attribution().IsMatch(lines[i + 1].Trim())) return true;
        // Outlook's header block: From:/보낸 사람: followed within three lines by Sent:/Date:/보낸 날짜:.
        if (HeaderFrom().IsMatch(line))
            for (var j = i + 1; j < Math.Min(lines.Length, i + 4); j++)
                if (HeaderSent().IsMatch(lines[j].Trim())) return true;
        return false;
    }

    private static string[] TrimSignature(string[] lines)
    {
        for (var i = lines.Length - 1; i >= 0 && i >= lines.Length - 15; i--)
            if (lines[i] is "-- " or "--" or "__" or "—") return lines[..i];
        return lines;
    }

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Forwarded message|원본 메시지|원래 메시지|전달된 메시지|Ursprüngliche Nachricht)\s*-{2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(On\s.{1,200}\swrote:|.{1,200}님이 작성:|.{1,200}님이 작성한 내용:|.{1,200}에 .{1,100}(님이|이\(가\)) (작성|썼습니다)[:.]?|Le\s.{1,200}a écrit\s?:|Am\s.{1,200}schrieb.{0,100}:)$", RegexOptions.CultureInvariant)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^\*?(From|보낸 사람|보낸사람|Von|De)\s*:\*?\s", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(Sent|Date|보낸 날짜|보낸날짜|날짜|Gesendet|Envoyé)\s*:\*?\s", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderSent();
}
