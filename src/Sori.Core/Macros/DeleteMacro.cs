using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Macros;

/// <summary>Removes a macro; tickets it was applied to keep their timeline entries, which name it.</summary>
public sealed class DeleteMacro(SoriDbContext db, MacroInputs inputs)
{
    public async Task Handle(long id, Actor actor, CancellationToken ct)
    {
        var macro = await inputs.LoadForChangeAsync(id, actor, ct);
        db.Macros.Remove(macro);
        await db.SaveChangesAsync(ct);
    }
}
