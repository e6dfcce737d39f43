using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Sori.Core.Common;

namespace Sori.Web.Workspace;

/// <summary>Marker for the Korean catalog of Sori.Core's messages (CoreMessages.resx), keyed by their English templates.</summary>
public sealed class CoreMessages;

/// <summary>
/// Sori.Core's messages (validation, conflicts, refusals, not found) in the reader's language. Core writes
/// English as an <see cref="ErrorText"/>, a template and its values; an English page shows that text, a
/// Korean page the template's translation from CoreMessages.resx filled with the same values (names Core
/// passes as values, such as an entity or a status, are translated too). A message without a translation
/// shows in English rather than not at all. Input names get their label (Ui.resx "Input.&lt;name&gt;").
/// </summary>
public sealed partial class CoreText(IStringLocalizer<CoreMessages> catalog, IStringLocalizer<Ui> ui)
{
    private static bool Korean => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ko";

    public string Message(ErrorText text)
    {
        if (!Korean) return text.Text;
        var translated = catalog[text.Template];
        if (translated.ResourceNotFound) return text.Text;
        var culture = CultureInfo.CurrentUICulture;
        return string.Format(culture, translated.Value, [.. text.Args.Select(Value)]);
    }

    /// <summary>The label of an input as Core names it ("name", "requester.email", "files[2]"); the name itself when it has none.</summary>
    public string Input(string field)
    {
        var leaf = Index().Replace(field, "").Split('.')[^1];
        return ui["Input." + leaf] is { ResourceNotFound: false } label ? label.Value : field;
    }

    /// <summary>Every refusal of a validation, one sentence each: "이름: 필수 항목입니다."</summary>
    public List<string> Explain(ValidationException e) =>
        e.Messages.SelectMany(p => p.Value.Select(m => $"{Input(p.Key)}: {Message(m)}")).ToList();

    /// <summary>The messages of one input only, for a page that shows them under it.</summary>
    public IReadOnlyDictionary<string, string[]> ByInput(ValidationException e) =>
        e.Messages.ToDictionary(p => p.Key, p => p.Value.Select(Message).ToArray());

    /// <summary>What a page shows when a use case refused an action; null for exceptions that are not refusals.</summary>
    public string? Explain(Exception e) => e switch
    {
        ValidationException v => string.Join(" ", Explain(v)),
        ConflictException c => Message(c.Text),
        ForbiddenException f => Message(f.Text),
        NotFoundException n => Korean ? Message($"{n.Entity} {n.Id} was not found.") : n.Message,
        _ => null,
    };

    /// <summary>A value Core put in a message: names it knows (an entity, a status) in the reader's language.</summary>
    private object? Value(object? value)
    {
        if (value is not string s) return value;
        // Core names an entity as in its type ("Macro") or, inside a sentence, in lower case ("macro").
        foreach (var name in (string[])[s, s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..] : s])
            if (catalog["Entity." + name] is { ResourceNotFound: false } entity) return entity.Value;
        if (ui["Status." + s] is { ResourceNotFound: false } status) return status.Value;
        return s;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
