using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;

namespace Sori.Core.Macros;

/// <summary><c>scope</c>: "shared", "personal" or both; <c>q</c>: words that must all occur in the title or a body.</summary>
public sealed record MacroQuery(string? Scope = null, string? Q = null);

/// <summary>The macros the caller may use, most used first, then by title.</summary>
public sealed class ListMacros(MacroInputs inputs)
{
    public async Task<IReadOnlyList<MacroView>> Handle(MacroQuery q, Actor actor, CancellationToken ct)
    {
        new Validator()
            .When(q.Scope is not (null or MacroView.Shared or MacroView.Personal), "scope", "must be personal or shared.")
            .Text("q", q.Q, Limits.Name)
            .ThrowIfInvalid();
        var macros = await inputs.VisibleAsync(actor, ct);
        if (q.Scope == MacroView.Shared) macros = macros.Where(m => m.OwnerId == null);
        if (q.Scope == MacroView.Personal) macros = macros.Where(m => m.OwnerId != null);
        // A desk has hundreds of macros, not millions: matching in memory is case-insensitive on every provider.
        var all = await macros.ToListAsync(ct);
        var words = (q.Q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return all.Where(m => words.All(w => Matches(m, w)))
            .OrderByDescending(m => m.UsageCount).ThenBy(m => m.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(m => m.Id)
            .Select(MacroView.From).ToList();
    }

    public async Task<MacroView> Get(long id, Actor actor, CancellationToken ct)
    {
        var macros = await inputs.VisibleAsync(actor, ct);
        return MacroView.From(await macros.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Macro", id));
    }

    private static bool Matches(Macro m, string word) =>
        m.Title.Contains(word, StringComparison.CurrentCultureIgnoreCase)
        || m.Bodies.Values.Any(b => b.Contains(word, StringComparison.CurrentCultureIgnoreCase));
}
