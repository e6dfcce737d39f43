namespace Sori.Core.Customers;

public sealed record CustomerView(
    long Id, string Name, IReadOnlyList<string> Emails, IReadOnlyList<string> Phones, string Language, string TimeZone,
    long? OrganizationId, IReadOnlyList<string> Tags, string? Notes, IReadOnlyDictionary<string, string> CustomFields,
    long? MergedIntoId, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static CustomerView From(Customer c) => new(c.Id, c.Name, c.Emails.Select(e => e.Address).ToList(),
        c.Phones.Select(p => p.Number).ToList(), c.Language, c.TimeZone, c.OrganizationId, c.Tags, c.Notes, c.CustomFields,
        c.MergedIntoId, c.CreatedAt, c.UpdatedAt);
}

public sealed record OrganizationView(long Id, string Name, IReadOnlyList<string> Domains, string? Notes, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static OrganizationView From(Organization o) => new(o.Id, o.Name, o.Domains, o.Notes, o.CreatedAt, o.UpdatedAt);
}
