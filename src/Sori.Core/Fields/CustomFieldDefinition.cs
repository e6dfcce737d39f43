using System.Globalization;
using Sori.Core.Common;

namespace Sori.Core.Fields;

public enum CustomFieldType { Text, Number, Date, Dropdown, Checkbox }
public enum CustomFieldEntity { Ticket, Customer }

/// <summary>An admin-defined, typed field on tickets or customers. Values are stored normalized as text.</summary>
public sealed class CustomFieldDefinition
{
    public long Id { get; private set; }
    /// <summary>Stable machine key used in the API ("order_number").</summary>
    public string Key { get; private set; } = "";
    public CustomFieldEntity Entity { get; private set; }
    public string NameKo { get; set; } = "";
    public string NameEn { get; set; } = "";
    public CustomFieldType Type { get; private set; }
    public List<string> Options { get; set; } = [];
    public bool Required { get; set; }
    public bool IsActive { get; set; } = true;
    public int Position { get; set; }
    public DateTime CreatedAt { get; private set; }

    private CustomFieldDefinition() { }

    public CustomFieldDefinition(string key, CustomFieldEntity entity, CustomFieldType type, string nameKo, string nameEn, DateTime now)
    {
        Key = key;
        Entity = entity;
        Type = type;
        NameKo = nameKo;
        NameEn = nameEn;
        CreatedAt = now;
    }

    /// <summary>Checks a raw value against the field's type and returns its canonical text, or null to clear.</summary>
    public string? Normalize(string field, object? raw)
    {
        var text = raw switch
        {
            null => null,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Null } => null,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } j => j.GetString(),
            System.Text.Json.JsonElement j => j.GetRawText(),
            string s => s,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => raw.ToString(),
        };
        if (string.IsNullOrEmpty(text)) return Required ? throw ValidationException.For(field, "is required.") : null;
        return Type switch
        {
            CustomFieldType.Text => new Validator().Text(field, text, Limits.CustomFieldText).ThrowIfValidReturn(text),
            CustomFieldType.Number => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                ? n.ToString(CultureInfo.InvariantCulture) : throw ValidationException.For(field, "must be a number."),
            CustomFieldType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : throw ValidationException.For(field, "must be a date (yyyy-MM-dd)."),
            CustomFieldType.Dropdown => Options.Contains(text)
                ? text : throw ValidationException.For(field, $"must be one of: {string.Join(", ", Options)}"),
            CustomFieldType.Checkbox => bool.TryParse(text, out var b2)
                ? (b2 ? "true" : "false") : throw ValidationException.For(field, "must be true or false."),
            _ => throw new InvalidOperationException(),
        };
    }
}

internal static class ValidatorExtensions
{
    public static string ThrowIfValidReturn(this Validator v, string value)
    {
        v.ThrowIfInvalid();
        return value;
    }
}
