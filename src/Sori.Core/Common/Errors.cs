namespace Sori.Core.Common;

/// <summary>Input that breaks a rule; carries the offending fields so the API can name them.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyDictionary<string, ErrorText[]> messages)
        : base("One or more fields are invalid: " + string.Join(", ", messages.Keys))
    {
        Messages = messages;
        Errors = messages.ToDictionary(m => m.Key, m => m.Value.Select(t => t.Text).ToArray());
    }

    /// <summary>From messages that have no template of their own (Identity's password rules).</summary>
    public ValidationException(IReadOnlyDictionary<string, string[]> errors)
        : this(errors.ToDictionary(e => e.Key, e => e.Value.Select(m => (ErrorText)m).ToArray())) { }

    /// <summary>Field → the English messages (what the API answers).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>Field → the messages with their templates, for a page that shows them in its reader's language.</summary>
    public IReadOnlyDictionary<string, ErrorText[]> Messages { get; }

    public static ValidationException For(string field, ErrorText message) =>
        new(new Dictionary<string, ErrorText[]> { [field] = [message] });
}

/// <summary>A referenced record does not exist (or the caller may not know it exists).</summary>
public sealed class NotFoundException(string entity, object id)
    : Exception($"{entity} '{id}' was not found.")
{
    public string Entity { get; } = entity;
    public object Id { get; } = id;
}

/// <summary>The request is well formed but conflicts with the current state (e.g. a forbidden status transition).</summary>
public sealed class ConflictException(ErrorText message, string? field = null) : Exception(message.Text)
{
    public string? Field { get; } = field;
    public ErrorText Text { get; } = message;
}

/// <summary>The caller is known but lacks the role or scope for the action.</summary>
public sealed class ForbiddenException(ErrorText message) : Exception(message.Text)
{
    public ErrorText Text { get; } = message;
}
