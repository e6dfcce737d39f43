using System.Text;

namespace Sori.Core.Attachments;

/// <summary>Names and types from the outside are hostile: no paths, no control characters, no spoofed active types.</summary>
public static class SafeFileName
{
    public static string From(string? name)
    {
        var leaf = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var clean = new StringBuilder(leaf.Length);
        foreach (var c in leaf.Normalize(NormalizationForm.FormC))
        {
            // Format characters include the bidi overrides that show "invoice\u202Efdp.exe" as "invoiceexe.pdf".
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) continue;
            clean.Append(char.IsControl(c) || c is '"' or '<' or '>' or '|' or ':' or '*' or '?' ? '_' : c);
        }
        var result = clean.ToString().Trim().TrimStart('.');
        if (result.Length == 0) result = "attachment";
        return result.Length <= 200 ? result : result[..100] + "…" + result[^99..];
    }

    /// <summary>Only a plain "type/subtype" is kept (as the sender's claim: what is shown inline is decided by the content, see AttachmentContent).</summary>
    public static string ContentType(string? type)
    {
        var t = (type ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var valid = t.Length is > 2 and <= 127 && t.Count(c => c == '/') == 1 && t.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '+' or '-');
        return valid ? t : "application/octet-stream";
    }
}
