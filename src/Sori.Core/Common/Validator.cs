using System.Text.RegularExpressions;

namespace Sori.Core.Common;

/// <summary>Collects field errors and throws them together, so a client sees every problem at once.</summary>
public sealed partial class Validator
{
    private readonly Dictionary<string, List<ErrorText>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, ErrorText message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validator Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "is required.");
        return Text(field, value, maxLength);
    }

    /// <summary>A single-line text field: bounded length, no control characters, no markup.</summary>
    public Validator Text(string field, string? value, int maxLength)
    {
        if (value is null) return this;
        if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters.");
        if (value.Any(c => char.IsControl(c) && c is not '\t')) Add(field, "must not contain control characters.");
        if (MarkupPattern().IsMatch(value)) Add(field, "must be plain text, not HTML.");
        return this;
    }

    public Validator Body(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"must be at most {maxLength} characters.");
        return this;
    }

    public Validator Email(string field, string? value)
    {
        if (value is null) return this;
        if (value.Length > 254 || !EmailAddress.TryNormalize(value, out _)) Add(field, "is not a valid email address.");
        return this;
    }

    public Validator When(bool failed, string field, ErrorText message) => failed ? Add(field, message) : this;

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    // A tag opener such as <script, </b, <!-- or <img: text fields are shown as text, never markup.
    [GeneratedRegex(@"<\s*[/!?]?\s*[a-zA-Z]|<!--", RegexOptions.CultureInvariant)]
    private static partial Regex MarkupPattern();
}
