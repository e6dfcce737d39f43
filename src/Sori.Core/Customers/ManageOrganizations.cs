using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Customers;

public sealed record OrganizationRequest(string? Name, IReadOnlyList<string>? Domains = null, string? Notes = null);

/// <summary>Organizations group customers (a company buying from the shop) and claim their mail domains.</summary>
public sealed class ManageOrganizations(SoriDbContext db, OrganizationDomains domainsClaimed, TimeProvider clock)
{
    public async Task<Organization> Create(OrganizationRequest r, CancellationToken ct)
    {
        var domains = await Check(r, null, requireName: true, ct);
        var o = new Organization(r.Name!, clock.GetUtcNow().UtcDateTime) { Domains = domains ?? [], Notes = r.Notes };
        db.Organizations.Add(o);
        await db.SaveChangesAsync(ct);
        domainsClaimed.Invalidate();
        return o;
    }

    public async Task<Organization> Update(long id, OrganizationRequest r, CancellationToken ct)
    {
        var o = await db.Organizations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Organization", id);
        var domains = await Check(r, id, requireName: false, ct);
        if (r.Name is not null) o.Name = r.Name.Trim();
        if (domains is not null) o.Domains = domains;
        if (r.Notes is not null) o.Notes = r.Notes;
        o.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        domainsClaimed.Invalidate();
        return o;
    }

    /// <summary>Deletes the organization; its customers stay, without an organization.</summary>
    public async Task Delete(long id, CancellationToken ct)
    {
        var o = await db.Organizations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Organization", id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Customers.Where(c => c.OrganizationId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.OrganizationId, (long?)null), ct);
        db.Organizations.Remove(o);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        domainsClaimed.Invalidate();
    }

    public async Task<List<OrganizationView>> List(string? q, CancellationToken ct)
    {
        var orgs = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q)) orgs = orgs.Where(o => o.Name.ToLower().Contains(q.Trim().ToLower()));
        return (await orgs.OrderBy(o => o.Name).Take(500).ToListAsync(ct)).Select(OrganizationView.From).ToList();
    }

    public async Task<OrganizationView> Get(long id, CancellationToken ct) =>
        OrganizationView.From(await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("Organization", id));

    private async Task<List<string>?> Check(OrganizationRequest r, long? id, bool requireName, CancellationToken ct)
    {
        var v = new Validator();
        if (requireName || r.Name is not null) v.Required("name", r.Name, Limits.Name);
        v.Body("notes", r.Notes, Limits.Notes);
        var domains = r.Domains?.Select(d => d.Trim().ToLowerInvariant().TrimStart('@')).Distinct().ToList();
        foreach (var d in domains ?? [])
            if (d.Length is 0 or > 253 || !d.Contains('.') || !d.All(c => char.IsLetterOrDigit(c) || c is '.' or '-'))
                v.Add("domains", $"'{d}' is not a mail domain.");
        if (r.Name is not null && await db.Organizations.AnyAsync(o => o.Name == r.Name.Trim() && o.Id != id, ct))
            v.Add("name", "An organization with this name already exists.");
        v.ThrowIfInvalid();
        return domains;
    }
}
