using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.SavedViews;

public sealed class DeleteSavedView(SoriDbContext db, SavedViewInputs inputs)
{
    public async Task Handle(long id, Actor actor, CancellationToken ct)
    {
        var view = await inputs.LoadForChangeAsync(id, actor, ct);
        db.SavedViews.Remove(view);
        await db.SaveChangesAsync(ct);
    }
}
