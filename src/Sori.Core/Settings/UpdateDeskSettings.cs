using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Settings;

/// <summary>Absent fields keep their current value.</summary>
public sealed record UpdateDeskSettingsRequest(string? DeskName = null, string? DefaultLanguage = null, string? TimeZone = null);

/// <summary>Saves the desk's name, default language and time zone (creating the row on first save).</summary>
public sealed class UpdateDeskSettings(SoriDbContext db, DeskDefaults defaults, TimeProvider clock)
{
    public async Task<DeskSettingsView> Handle(UpdateDeskSettingsRequest r, Actor actor, CancellationToken ct)
    {
        Check(new Validator(), r).ThrowIfInvalid();
        var s = await db.DeskSettings.FirstOrDefaultAsync(x => x.Id == DeskSettings.SingletonId, ct);
        if (s is null)
        {
            s = new DeskSettings { DeskName = defaults.DeskName, DefaultLanguage = defaults.Language, TimeZone = defaults.TimeZone };
            db.DeskSettings.Add(s);
        }
        if (r.DeskName is not null) s.DeskName = r.DeskName.Trim();
        if (r.DefaultLanguage is not null) s.DefaultLanguage = r.DefaultLanguage;
        if (r.TimeZone is not null) s.TimeZone = r.TimeZone;
        s.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        s.UpdatedByAgentId = actor.AgentId;
        await db.SaveChangesAsync(ct);
        return new DeskSettingsView(s.DeskName, s.DefaultLanguage, s.TimeZone, s.UpdatedAt);
    }

    /// <summary>The rules, shared with first-run setup.</summary>
    public static Validator Check(Validator v, UpdateDeskSettingsRequest r)
    {
        if (r.DeskName is not null) v.Required("deskName", r.DeskName, Limits.Name);
        v.When(r.DefaultLanguage is not (null or "ko" or "en"), "defaultLanguage", "must be ko or en.");
        if (r.TimeZone is not null && (string.IsNullOrWhiteSpace(r.TimeZone) || r.TimeZone.Length > Limits.TimeZone
                                       || !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _)))
            v.Add("timeZone", "is not a known time zone (e.g. Asia/Seoul).");
        return v;
    }
}
