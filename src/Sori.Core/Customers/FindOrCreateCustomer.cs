using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Customers;

/// <summary>Matches a sender to a customer by email (or id), creating one when the address is new.</summary>
public sealed class FindOrCreateCustomer(SoriDbContext db, TimeProvider clock)
{
    public sealed record Requester(long? Id, string? Name, string? Email, string? Phone, string? Language);

    public async Task<Customer> Handle(Requester requester, string field, CancellationToken ct)
    {
        if (await FindExisting(requester, field, ct) is { } existing) return existing;
        EmailAddress.TryNormalize(requester.Email, out var email);
        var local = email is null ? null : db.Customers.Local.FirstOrDefault(c => c.Emails.Any(e => e.Address == email));
        return local ?? Create(requester, email);
    }

    /// <summary>
    /// The stored customer the requester names (by id, else email, else phone; merges followed), or
    /// null when there is none and one would be created. Throws for an unknown id or no contact at all.
    /// </summary>
    public async Task<Customer?> FindExisting(Requester requester, string field, CancellationToken ct)
    {
        if (requester.Id is { } id)
        {
            var byId = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct)
                       ?? throw ValidationException.For(field + ".id", $"Customer {id} does not exist.");
            return await FollowMerge(byId, ct);
        }
        if (!EmailAddress.TryNormalize(requester.Email, out var email))
        {
            if (string.IsNullOrWhiteSpace(requester.Phone))
                throw ValidationException.For(field + ".email", "An email address, a phone number or a customer id is required.");
            var phone = PhoneNumber.Key(requester.Phone);
            // From the number's index to the oldest customer with it (a phone may be shared), never a
            // scan of every customer testing each one's numbers.
            var byPhone = await db.Customers
                .Where(c => c.Id == db.CustomerPhones.Where(p => p.Normalized == phone).Min(p => (long?)p.CustomerId))
                .FirstOrDefaultAsync(ct);
            return byPhone is null ? null : await FollowMerge(byPhone, ct);
        }
        var byEmail = await db.Customers.Include(c => c.Emails)
            .Where(c => c.Id == db.CustomerEmails.Where(e => e.Address == email).Select(e => e.CustomerId).FirstOrDefault())
            .FirstOrDefaultAsync(ct);
        return byEmail is null ? null : await FollowMerge(byEmail, ct);
    }

    /// <summary>
    /// <see cref="FindExisting"/> for a caller that attaches the customer to another context (ticket
    /// creation: the write unit's). The common case, a known email, is one precompiled query and is
    /// not tracked here.
    /// </summary>
    public async Task<Customer?> FindExistingDetached(Requester requester, string field, CancellationToken ct)
    {
        if (requester.Id is not null || !EmailAddress.TryNormalize(requester.Email, out var email))
        {
            var found = await FindExisting(requester, field, ct);
            if (found is not null) db.Entry(found).State = EntityState.Detached;
            return found;
        }
        var byEmail = await ByEmail.For(db)(db, email, ct);
        if (byEmail?.MergedIntoId is null) return byEmail;
        var target = await FollowMerge(byEmail, ct);
        db.Entry(target).State = EntityState.Detached;
        return target;
    }

    private static readonly CompiledPerModel<Func<SoriDbContext, string, CancellationToken, Task<Customer?>>> ByEmail = new(CompileByEmail);

    // Both lookups by address go from the address's unique index to the customer's key (a customer id
    // of 0, which none has, when the address is new). Asked as "the customer one of whose emails is it"
    // (Emails.Any), SQLite read every customer and probed the address index once for each, so every new
    // ticket and mail cost more the more customers the desk had (CustomerLookupPlanTests).
    private static Func<SoriDbContext, string, CancellationToken, Task<Customer?>> CompileByEmail() =>
        EF.CompileAsyncQuery((SoriDbContext db, string email, CancellationToken ct) =>
            db.Customers.AsNoTracking().Include(c => c.Emails)
                .FirstOrDefault(c => c.Id == db.CustomerEmails.Where(e => e.Address == email).Select(e => e.CustomerId).FirstOrDefault()));

    /// <summary>The customer with this address (following merges), or null when it is new; creates nothing.</summary>
    public Task<Customer?> Find(string email, CancellationToken ct) =>
        EmailAddress.TryNormalize(email, out _)
            ? FindExisting(new Requester(null, null, email, null, null), "email", ct)
            : Task.FromResult<Customer?>(null);

    /// <summary>
    /// For a sender already looked up by address outside the write unit and not found: the customer
    /// another unit of this batch has just added for the address, else a new one, without asking the
    /// database again. Should another writer store the address meanwhile, the address's unique index
    /// rejects the new one and the unit runs again with <see cref="Handle"/>.
    /// </summary>
    public Customer CreateNew(Requester requester)
    {
        if (!EmailAddress.TryNormalize(requester.Email, out var email))
            throw new ArgumentException("A new customer by address needs a valid address.", nameof(requester));
        return db.Customers.Local.FirstOrDefault(c => c.Emails.Any(e => e.Address == email)) ?? Create(requester, email);
    }

    private Customer Create(Requester requester, string? email)
    {
        var name = string.IsNullOrWhiteSpace(requester.Name) ? email?.Split('@')[0] ?? requester.Phone ?? "" : requester.Name;
        var language = requester.Language is "en" ? "en" : "ko";
        var customer = new Customer(name, clock.GetUtcNow().UtcDateTime, language);
        if (email is not null) customer.AddEmail(email);
        if (!string.IsNullOrWhiteSpace(requester.Phone)) customer.AddPhone(requester.Phone);
        db.Customers.Add(customer);
        return customer;
    }

    private async Task<Customer> FollowMerge(Customer customer, CancellationToken ct)
    {
        for (var hops = 0; customer.MergedIntoId is { } next && hops < 10; hops++)
            customer = await db.Customers.FirstAsync(c => c.Id == next, ct);
        return customer;
    }
}
