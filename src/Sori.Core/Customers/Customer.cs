using Sori.Core.Common;

namespace Sori.Core.Customers;

public sealed class Customer
{
    public long Id { get; private set; }
    public string Name { get; set; } = "";
    public string Language { get; set; } = "ko";
    public string TimeZone { get; set; } = "Asia/Seoul";
    public string? Notes { get; set; }
    public long? OrganizationId { get; set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Set when this record was merged into another; kept so old links still resolve.</summary>
    public long? MergedIntoId { get; private set; }
    public List<CustomerEmail> Emails { get; private set; } = [];
    public List<CustomerPhone> Phones { get; private set; } = [];
    public List<string> Tags { get; set; } = [];
    public Dictionary<string, string> CustomFields { get; set; } = new(StringComparer.Ordinal);

    private Customer() { }

    public Customer(string name, DateTime now, string language = "ko", string timeZone = "Asia/Seoul")
    {
        Name = name.Trim();
        Language = language;
        TimeZone = timeZone;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public string? PrimaryEmail => Emails.FirstOrDefault()?.Address;

    public void AddEmail(string normalizedAddress)
    {
        if (Emails.All(e => e.Address != normalizedAddress)) Emails.Add(new CustomerEmail(normalizedAddress));
    }

    /// <summary>Adds the number as written unless the customer has it already in any writing (010-1234-5678 = +82 10 1234 5678).</summary>
    public void AddPhone(string number)
    {
        var phone = new CustomerPhone(number.Trim());
        if (Phones.All(p => p.Normalized != phone.Normalized)) Phones.Add(phone);
    }

    /// <summary>Marks this customer as merged; the caller re-points tickets, emails and phones.</summary>
    public void MarkMergedInto(Customer target, DateTime now)
    {
        if (target.Id == Id) throw ValidationException.For("targetId", "A customer cannot be merged into itself.");
        if (MergedIntoId is not null) throw new ConflictException("This customer was already merged.");
        MergedIntoId = target.Id;
        UpdatedAt = now;
        foreach (var tag in Tags.Where(t => !target.Tags.Contains(t))) target.Tags.Add(tag);
        target.Notes = string.Join("\n\n", new[] { target.Notes, Notes }.Where(n => !string.IsNullOrWhiteSpace(n)));
        target.OrganizationId ??= OrganizationId;
        target.UpdatedAt = now;
    }
}

public sealed class CustomerEmail
{
    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    /// <summary>Lower-cased; unique across all customers.</summary>
    public string Address { get; private set; } = "";
    private CustomerEmail() { }
    internal CustomerEmail(string address) => Address = address;
}

public sealed class CustomerPhone
{
    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    /// <summary>As typed, and shown so.</summary>
    public string Number { get; private set; } = "";
    /// <summary>The key searches and duplicates compare by (<see cref="PhoneNumber.Key"/>): E.164 where possible.</summary>
    public string Normalized { get; private set; } = "";
    private CustomerPhone() { }

    internal CustomerPhone(string number)
    {
        Number = number;
        Normalized = PhoneNumber.Key(number);
    }

    /// <summary>Gives a phone stored before keys existed its key.</summary>
    public void Normalize() => Normalized = PhoneNumber.Key(Number);
}

public sealed class Organization
{
    public long Id { get; private set; }
    public string Name { get; set; } = "";
    /// <summary>Mail domains whose senders belong to this organization (e.g. "example.co.kr").</summary>
    public List<string> Domains { get; set; } = [];
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; set; }

    private Organization() { }

    public Organization(string name, DateTime now)
    {
        Name = name.Trim();
        CreatedAt = now;
        UpdatedAt = now;
    }
}
