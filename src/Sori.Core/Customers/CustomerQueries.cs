using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Customers;

/// <summary>Read side of customers: search by name, email or phone, keyset pages by id (newest first).</summary>
public sealed class CustomerQueries(SoriDbContext db)
{
    public async Task<Page<CustomerView>> List(string? q, long? organizationId, int? limit, string? cursor, CancellationToken ct)
    {
        var take = limit ?? 50;
        var v = new Validator().When(take is < 1 or > 200, "limit", "must be between 1 and 200.").Text("q", q, 200);
        long? after = null;
        if (cursor is not null) { if (long.TryParse(cursor, out var c)) after = c; else v.Add("cursor", "is not a cursor from this listing."); }
        v.ThrowIfInvalid();

        var customers = db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null);
        if (organizationId is { } org) customers = customers.Where(c => c.OrganizationId == org);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            // A number matches however it was written: the whole of it by its E.164 key, a part by its digits.
            var digits = PhoneNumber.SearchDigits(term);
            var e164 = digits is null ? null : PhoneNumber.ToE164(term);
            customers = digits is null
                ? customers.Where(c => c.Name.ToLower().Contains(term) || c.Emails.Any(e => e.Address.StartsWith(term)))
                : customers.Where(c => c.Name.ToLower().Contains(term) || c.Emails.Any(e => e.Address.StartsWith(term))
                                       || c.Phones.Any(p => p.Normalized == e164 || p.Normalized.Contains(digits)));
        }
        if (after is { } a) customers = customers.Where(c => c.Id < a);
        var rows = await customers.OrderByDescending(c => c.Id).Take(take + 1)
            .Include(c => c.Emails).Include(c => c.Phones).AsSplitQuery().ToListAsync(ct);
        var items = rows.Take(take).Select(CustomerView.From).ToList();
        return new Page<CustomerView>(items, rows.Count > take ? items[^1].Id.ToString() : null);
    }

    public async Task<CustomerView> Get(long id, CancellationToken ct) =>
        CustomerView.From(await db.Customers.AsNoTracking().Include(c => c.Emails).Include(c => c.Phones).AsSplitQuery()
                              .FirstOrDefaultAsync(c => c.Id == id, ct)
                          ?? throw new NotFoundException("Customer", id));
}
