using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Fields;

/// <summary>Checks raw values against the active field definitions of one entity and returns them normalized (null clears).</summary>
public static class CustomFieldValues
{
    public static async Task<Dictionary<string, string?>> NormalizeAsync(SoriDbContext db, CustomFieldEntity entity, Validator v,
        IReadOnlyDictionary<string, object?>? values, CancellationToken ct)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (values is null || values.Count == 0) return result;
        var defs = await db.CustomFields.Where(f => f.Entity == entity && f.IsActive).ToListAsync(ct);
        foreach (var (key, raw) in values)
        {
            var def = defs.FirstOrDefault(d => d.Key == key);
            if (def is null) { v.Add($"customFields.{key}", $"is not a defined {entity.ToString().ToLowerInvariant()} field."); continue; }
            try { result[key] = def.Normalize($"customFields.{key}", raw); }
            catch (ValidationException e) { foreach (var (f, msgs) in e.Messages) foreach (var m in msgs) v.Add(f, m); }
        }
        return result;
    }
}
