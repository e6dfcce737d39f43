namespace Sori.Core.Macros;

/// <summary>
/// A canned response: a reply body per language with placeholders, and changes to make to the ticket.
/// Shared macros (no owner) are managed by admins and may be limited to one team; personal macros
/// belong to one agent and only that agent sees them.
/// </summary>
public sealed class Macro : Common.ISharedOrPersonal
{
    public long Id { get; private set; }
    public string Title { get; set; } = "";
    /// <summary>The agent a personal macro belongs to; null for a shared macro.</summary>
    public long? OwnerId { get; private set; }
    /// <summary>For a shared macro, the team that sees it; null for everyone.</summary>
    public long? TeamId { get; set; }
    /// <summary>Reply body per language ("ko", "en"), plain text with <see cref="MacroTemplate"/> placeholders.</summary>
    public Dictionary<string, string> Bodies { get; set; } = new(StringComparer.Ordinal);
    public MacroActions Actions { get; set; } = MacroActions.None;
    public int UsageCount { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; set; }

    private Macro() { }

    public Macro(string title, long? ownerId, long? teamId, DateTime now)
    {
        Title = title;
        OwnerId = ownerId;
        TeamId = teamId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public bool IsShared => OwnerId is null;

    public bool HasBody => Bodies.Values.Any(b => !string.IsNullOrWhiteSpace(b));

}

/// <summary>
/// What a macro changes on the ticket it is applied to; null or empty parts change nothing.
/// Status and priority are wire names ("on_hold"); the assignee is "me" (whoever applies the
/// macro), "none" or an agent id; the team is "none" or a team id.
/// </summary>
public sealed record MacroActions(
    string? Status = null, string? Priority = null, IReadOnlyList<string>? AddTags = null,
    IReadOnlyList<string>? RemoveTags = null, string? Assignee = null, string? Team = null)
{
    public static readonly MacroActions None = new();

    public bool IsEmpty => Status is null && Priority is null && (AddTags ?? []).Count == 0
        && (RemoveTags ?? []).Count == 0 && Assignee is null && Team is null;
}

public static class MacroLanguages
{
    public const string Default = "ko";
    public static readonly string[] All = ["ko", "en"];

    /// <summary>"ko-KR" → "ko"; a language without bodies of its own falls back to the default.</summary>
    /// <summary>The body for a customer's language: theirs, else Korean (the desk's default), else English.</summary>
    public static (string Language, string Body)? Pick(IReadOnlyDictionary<string, string> bodies, string? customerLanguage)
    {
        var wanted = Normalize(customerLanguage);
        foreach (var lang in new[] { wanted, Default }.Concat(All).Distinct())
            if (lang is not null && bodies.TryGetValue(lang, out var body) && !string.IsNullOrWhiteSpace(body)) return (lang, body);
        return null;
    }

    public static string? Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return null;
        var two = language.Trim().ToLowerInvariant();
        var dash = two.IndexOfAny(['-', '_']);
        return dash > 0 ? two[..dash] : two;
    }
}
