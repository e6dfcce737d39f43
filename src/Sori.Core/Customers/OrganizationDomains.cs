using Microsoft.EntityFrameworkCore;
using Sori.Core.Data;

namespace Sori.Core.Customers;

/// <summary>
/// The mail domains organizations claim, as last read: a new customer writing from a claimed domain
/// joins that organization, and a colleague's reply from it belongs on the organization's tickets.
/// Both are asked with every first mail from a new address, so one query every <see cref="MaxAge"/>
/// answers them instead of one per message. <see cref="ManageOrganizations"/> clears it as it commits;
/// a change made on another node is seen within <see cref="MaxAge"/>.
/// </summary>
public sealed class OrganizationDomains(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    // Domain → the organizations claiming it, lowest id first (two may claim one domain; the oldest wins).
    private readonly DatabaseSnapshot<IReadOnlyDictionary<string, long[]>> _snapshot = new(clock, MaxAge, ReadAsync);

    /// <summary>The organization that claims the address's domain, or null.</summary>
    public async Task<long?> OrganizationForAsync(SoriDbContext db, string address, CancellationToken ct) =>
        (await _snapshot.GetAsync(db, ct)).Value.TryGetValue(DomainOf(address), out var ids) ? ids[0] : null;

    /// <summary>Whether the organization claims the address's domain.</summary>
    public async Task<bool> ClaimsAsync(SoriDbContext db, long organizationId, string address, CancellationToken ct) =>
        (await _snapshot.GetAsync(db, ct)).Value.TryGetValue(DomainOf(address), out var ids) && ids.Contains(organizationId);

    /// <summary>Called by the use cases that create, change or delete an organization, after they commit.</summary>
    public void Invalidate() => _snapshot.Invalidate();

    private static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..];

    private static async Task<IReadOnlyDictionary<string, long[]>> ReadAsync(SoriDbContext db, CancellationToken ct)
    {
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.Domains }).ToListAsync(ct);
        return organizations
            .SelectMany(o => o.Domains.Select(d => (Domain: d, o.Id)))
            .GroupBy(x => x.Domain, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Id).Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
    }
}
