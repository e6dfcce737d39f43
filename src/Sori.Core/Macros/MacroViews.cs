namespace Sori.Core.Macros;

public sealed record MacroView(
    long Id, string Title, string Scope, long? TeamId, long? OwnerId, IReadOnlyDictionary<string, string> Bodies,
    MacroActions Actions, int UsageCount, DateTime CreatedAt, DateTime UpdatedAt)
{
    public const string Shared = "shared";
    public const string Personal = "personal";

    public static MacroView From(Macro m) => new(m.Id, m.Title, m.IsShared ? Shared : Personal, m.TeamId, m.OwnerId,
        m.Bodies, m.Actions, m.UsageCount, m.CreatedAt, m.UpdatedAt);
}

/// <summary>A macro rendered for one ticket: the body in the customer's language (text and HTML) and its actions.</summary>
public sealed record MacroPreview(long MacroId, string Title, string? Language, string? Body, string? BodyHtml, MacroActions Actions);

public sealed record PlaceholderView(string Name, string Meaning);
