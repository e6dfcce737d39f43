namespace Sori.Core.Common;

/// <summary>Input that breaks a rule; carries the offending fields so the API can name them.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A referenced record does not exist (or the caller may not know it exists).</summary>
public sealed class NotFoundException(string entity, object id)
    : Exception($"{entity} '{id}' was not found.")
{
    public string Entity { get; } = entity;
    public object Id { get; } = id;
}

/// <summary>The request is well formed but conflicts with the current state (e.g. a forbidden status transition).</summary>
public sealed class ConflictException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>The caller is known but lacks the role or scope for the action.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
