using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Customers;

public sealed record UpdateCustomerRequest
{
    public string? Name { get; init; }
    /// <summary>Replaces the address list when given.</summary>
    public IReadOnlyList<string>? Emails { get; init; }
    public IReadOnlyList<string>? Phones { get; init; }
    public string? Language { get; init; }
    public string? TimeZone { get; init; }
    public Maybe<long?> OrganizationId { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public Maybe<string?> Notes { get; init; }
    public IReadOnlyDictionary<string, object?>? CustomFields { get; init; }
}

public sealed class UpdateCustomer(SoriDbContext db, CustomerInputs inputs, TimeProvider clock)
{
    public async Task<Customer> Handle(long id, UpdateCustomerRequest r, CancellationToken ct)
    {
        var c = await Load(db, id, ct);
        if (c.MergedIntoId is not null) throw new ConflictException($"Customer {id} was merged into {c.MergedIntoId}; change that one.");
        var v = new Validator();
        if (r.Name is not null) v.Required("name", r.Name, Limits.Name);
        var emails = r.Emails is null ? null : CustomerInputs.CheckEmails(v, r.Emails);
        CustomerInputs.CheckPhones(v, r.Phones);
        CustomerInputs.CheckProfile(v, r.Language, r.TimeZone, r.Tags, r.Notes.Value);
        if (emails is not null) await inputs.EnsureEmailsFreeAsync(v, emails, id, ct);
        if (r.OrganizationId.IsSet) await inputs.CheckOrganizationAsync(v, r.OrganizationId.Value, ct);
        var fields = await inputs.NormalizeFieldsAsync(v, r.CustomFields, ct);
        v.ThrowIfInvalid();

        if (r.Name is not null) c.Name = r.Name.Trim();
        if (r.Language is not null) c.Language = r.Language;
        if (r.TimeZone is not null) c.TimeZone = r.TimeZone;
        if (r.OrganizationId.IsSet) c.OrganizationId = r.OrganizationId.Value;
        if (r.Notes.IsSet) c.Notes = r.Notes.Value;
        if (r.Tags is not null) c.Tags = r.Tags.Select(Tickets.Ticket.NormalizeTag).Distinct().ToList();
        if (emails is not null)
        {
            c.Emails.RemoveAll(e => !emails.Contains(e.Address));
            foreach (var e in emails) c.AddEmail(e);
        }
        if (r.Phones is not null)
        {
            // Kept as written when listed again; a number written differently replaces its old writing.
            var trimmed = r.Phones.Select(p => p.Trim()).ToList();
            c.Phones.RemoveAll(p => !trimmed.Contains(p.Number));
            foreach (var p in r.Phones) c.AddPhone(p);
        }
        CustomerInputs.ApplyFields(c, fields);
        c.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return c;
    }

    public static async Task<Customer> Load(SoriDbContext db, long id, CancellationToken ct) =>
        await db.Customers.Include(c => c.Emails).Include(c => c.Phones).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct)
        ?? throw new NotFoundException("Customer", id);
}
