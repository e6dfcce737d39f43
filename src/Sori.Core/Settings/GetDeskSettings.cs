using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Settings;

/// <summary>The stored settings, or the configured defaults while none are stored.</summary>
public sealed class GetDeskSettings(SoriDbContext db, DeskDefaults defaults)
{
    public async Task<DeskSettingsView> Handle(CancellationToken ct)
    {
        var s = await db.DeskSettings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == DeskSettings.SingletonId, ct);
        return s is null
            ? new DeskSettingsView(defaults.DeskName, defaults.Language, defaults.TimeZone, null)
            : new DeskSettingsView(s.DeskName, s.DefaultLanguage, s.TimeZone, s.UpdatedAt);
    }
}
