using System.Text.RegularExpressions;

namespace Sori.Core.Conversations.Inbound.Filters;

/// <summary>
/// Scores only obvious spam: an upstream filter's verdict, the GTUBE test string, executables,
/// spoofed sender names and a few unmistakable phrases. At or above the threshold the message is
/// quarantined (kept for review, never deleted).
/// </summary>
public sealed partial class SpamFilter : IInboundFilter
{
    private const string Gtube = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static readonly string[] Executables = [".exe", ".scr", ".pif", ".com", ".bat", ".cmd", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".hta", ".jar", ".msi", ".lnk"];
    private static readonly string[] Phrases =
    [
        "viagra", "cialis", "you have won", "you've won", "lottery winner", "claim your prize", "nigerian prince", "wire transfer fee",
        "100% free", "risk-free", "act now!", "casino bonus", "make money fast", "work from home and earn", "weight loss pills",
        "당첨되셨습니다", "무료 대출", "카지노", "바카라", "성인광고", "(광고)",
    ];

    public void Inspect(InboundMessage m, InboundContext context, InboundVerdict verdict)
    {
        var body = m.Text + "\n" + m.Html;
        if (body.Contains(Gtube, StringComparison.Ordinal)) verdict.AddSpam(1000, "GTUBE test string");
        if (m.Header("x-spam-flag")?.Trim().StartsWith("yes", StringComparison.OrdinalIgnoreCase) == true) verdict.AddSpam(10, "X-Spam-Flag: YES");
        else if (m.Header("x-spam-status")?.TrimStart().StartsWith("yes", StringComparison.OrdinalIgnoreCase) == true) verdict.AddSpam(10, "X-Spam-Status: Yes");

        foreach (var a in m.Attachments.Where(a => Executables.Any(x => a.FileName.EndsWith(x, StringComparison.OrdinalIgnoreCase))))
            verdict.AddSpam(5, $"executable attachment {a.FileName}");

        var text = (m.Subject + "\n" + body).ToLowerInvariant();
        var phrases = Phrases.Count(p => text.Contains(p, StringComparison.Ordinal));
        if (phrases > 0) verdict.AddSpam(Math.Min(phrases * 2.0, 6), $"{phrases} spam phrase(s)");

        if (m.From is { Name: { } name } from && AddressInName().Match(name) is { Success: true } shown
            && !shown.Value.Equals(from.Address, StringComparison.OrdinalIgnoreCase))
            verdict.AddSpam(2.5, "sender name shows another address");
        if (m.Subject.Count(char.IsLetter) >= 12 && m.Subject.Where(char.IsLetter).All(c => !char.IsLower(c)) && m.Subject.Any(char.IsAsciiLetterUpper))
            verdict.AddSpam(1, "subject in capitals");
        if (string.IsNullOrWhiteSpace(m.Text) && m.Html is { } html && Links().Count(html) >= 15) verdict.AddSpam(1.5, "HTML only, many links");
        if (verdict.SpamScore >= context.SpamThreshold) verdict.Classify(InboundKind.Spam, $"spam score {verdict.SpamScore:0.#}");
    }

    [GeneratedRegex(@"[^\s<>""@]+@[^\s<>""@]+\.[a-z]{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressInName();

    [GeneratedRegex(@"<a\s[^>]*href", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Links();
}
