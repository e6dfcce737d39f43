using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Customers;

/// <summary>
/// Phones stored before numbers had a comparison key get one. The key follows rules written once,
/// in C# (<see cref="PhoneNumber"/>), so this runs after migrations rather than as SQL inside one;
/// with nothing left to do it is one indexed look-up. Safe on several nodes at once: every node
/// writes the same keys.
/// </summary>
public sealed class BackfillPhoneKeys(SoriDbContext db)
{
    private const int Batch = 500;

    /// <summary>Returns how many phones got their key.</summary>
    public async Task<int> Handle(CancellationToken ct)
    {
        var done = 0;
        var after = 0L;
        while (true)
        {
            var phones = await db.CustomerPhones.Where(p => p.Normalized == "" && p.Id > after).OrderBy(p => p.Id).Take(Batch).ToListAsync(ct);
            if (phones.Count == 0) return done;
            foreach (var p in phones) p.Normalize();
            await db.SaveChangesAsync(ct);
            done += phones.Count(p => p.Normalized != "");
            after = phones[^1].Id;
            db.ChangeTracker.Clear();
        }
    }
}
