using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sori.Core.Common;

/// <summary>
/// A message for people about input that breaks a rule or an action that was refused. Use cases write
/// it as English, a plain or an interpolated string (<c>$"must be at most {max} characters."</c>), and
/// the API answers that English <see cref="Text"/>. The template and its values are kept apart
/// (<c>"must be at most {0} characters."</c>, <c>[200]</c>), so a page can show the message in its
/// reader's language from a catalog keyed by the template (Sori.Web: Workspace/CoreText).
/// </summary>
[InterpolatedStringHandler]
public sealed class ErrorText
{
    private readonly StringBuilder? _building;
    private readonly List<object?>? _args;
    private string? _template;
    private string? _text;

    /// <summary>Called by the compiler for an interpolated string; use a string literal or <c>$"…"</c> instead.</summary>
    public ErrorText(int literalLength, int formattedCount)
    {
        _building = new StringBuilder(literalLength + formattedCount * 4);
        _args = new List<object?>(formattedCount);
    }

    private ErrorText(string text)
    {
        _text = text;
        _template = text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
    }

    public void AppendLiteral(string literal) =>
        _building!.Append(literal.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        _building!.Append('{').Append(_args!.Count.ToString(CultureInfo.InvariantCulture));
        if (format is not null) _building.Append(':').Append(format);
        _building.Append('}');
        _args.Add(value);
    }

    /// <summary>The message with "{0}", "{1}" where the values go, as <see cref="string.Format(string, object?[])"/> takes it.</summary>
    public string Template => _template ??= _building!.ToString();

    /// <summary>The values, in order.</summary>
    public IReadOnlyList<object?> Args => _args ?? [];

    /// <summary>The English message.</summary>
    public string Text => _text ??= Format(CultureInfo.InvariantCulture, Template);

    /// <summary>The message in another wording of the same template (a translation), filled with the same values.</summary>
    public string Format(IFormatProvider culture, string template) => string.Format(culture, template, [.. Args]);

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static implicit operator ErrorText?(string? text) => text is null ? null : new(text);

    public override string ToString() => Text;
}
