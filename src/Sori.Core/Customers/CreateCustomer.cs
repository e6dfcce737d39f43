using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Customers;

public sealed record CreateCustomerRequest(
    string? Name, IReadOnlyList<string>? Emails = null, IReadOnlyList<string>? Phones = null, string? Language = null,
    string? TimeZone = null, long? OrganizationId = null, IReadOnlyList<string>? Tags = null, string? Notes = null,
    IReadOnlyDictionary<string, object?>? CustomFields = null);

public sealed class CreateCustomer(SoriDbContext db, CustomerInputs inputs, TimeProvider clock)
{
    public async Task<Customer> Handle(CreateCustomerRequest r, CancellationToken ct)
    {
        var v = new Validator().Required("name", r.Name, Limits.Name);
        var emails = CustomerInputs.CheckEmails(v, r.Emails);
        CustomerInputs.CheckPhones(v, r.Phones);
        CustomerInputs.CheckProfile(v, r.Language, r.TimeZone, r.Tags, r.Notes);
        await inputs.EnsureEmailsFreeAsync(v, emails, null, ct);
        await inputs.CheckOrganizationAsync(v, r.OrganizationId, ct);
        var fields = await inputs.NormalizeFieldsAsync(v, r.CustomFields, ct);
        v.ThrowIfInvalid();

        var c = new Customer(r.Name!, clock.GetUtcNow().UtcDateTime, r.Language ?? "ko", r.TimeZone ?? "Asia/Seoul")
        {
            OrganizationId = r.OrganizationId,
            Notes = r.Notes,
            Tags = (r.Tags ?? []).Select(Tickets.Ticket.NormalizeTag).Distinct().ToList(),
        };
        foreach (var e in emails) c.AddEmail(e);
        foreach (var p in r.Phones ?? []) c.AddPhone(p);
        CustomerInputs.ApplyFields(c, fields);
        db.Customers.Add(c);
        await db.SaveChangesAsync(ct);
        return c;
    }
}
