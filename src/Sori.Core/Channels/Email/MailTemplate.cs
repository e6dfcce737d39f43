using System.Text.RegularExpressions;
using Sori.Core.Common;

namespace Sori.Core.Channels.Email;

/// <summary>
/// The admin's texts for customer mail (signatures, acknowledgements): plain text with placeholders
/// such as <c>{agent.name}</c>; <c>{{</c> and <c>}}</c> stand for literal braces. Checked when saved, so
/// a typo is a 400 naming the field rather than a customer reading "{agnet.name}".
/// </summary>
public static partial class MailTemplate
{
    public const string AgentName = "agent.name", DeskName = "desk.name", TicketNumber = "ticket.number", CustomerName = "customer.name", Wait = "wait";

    public static readonly IReadOnlyList<string> SignaturePlaceholders = [AgentName, DeskName, TicketNumber, CustomerName];
    public static readonly IReadOnlyList<string> AcknowledgementPlaceholders = [CustomerName, DeskName, TicketNumber, Wait];

    public static void Check(Validator v, string field, string? template, IReadOnlyList<string> allowed)
    {
        if (template is null) return;
        v.Body(field, template, MailLimits.Template)
         .When(template.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')), field, "must not contain control characters.");
        foreach (Match m in Token().Matches(template))
        {
            if (m.Value is "{{" or "}}" || allowed.Contains(m.Groups[1].Value)) continue;
            v.Add(field, $"uses {m.Value}, which is not a placeholder here; use {string.Join(", ", allowed.Select(a => "{" + a + "}"))}.");
        }
    }

    /// <summary>The text with its placeholders filled in (a missing value becomes empty).</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string?> values) =>
        Token().Replace(template, m => m.Value switch
        {
            "{{" => "{",
            "}}" => "}",
            _ => values.TryGetValue(m.Groups[1].Value, out var value) ? value ?? "" : m.Value,
        }).Trim();

    [GeneratedRegex(@"\{\{|\}\}|\{([^{}\s]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
