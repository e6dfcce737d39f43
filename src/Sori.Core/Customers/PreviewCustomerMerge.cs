using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Customers;

/// <summary>What merging a duplicate into a customer would do, so it can be confirmed before it happens.</summary>
public sealed record CustomerMergePreview(CustomerView Duplicate, CustomerView Target, int TicketsMoving, IReadOnlyList<string> EmailsMoving,
    IReadOnlyList<string> PhonesMoving, IReadOnlyList<string> TagsAdded, bool NotesCombined, long? OrganizationAfter);

/// <summary>Checks a merge the way <see cref="MergeCustomers"/> would and describes it, changing nothing.</summary>
public sealed class PreviewCustomerMerge(SoriDbContext db)
{
    public async Task<CustomerMergePreview> Handle(long duplicateId, long? targetId, CancellationToken ct)
    {
        if (targetId is not { } tid) throw ValidationException.For("targetId", "is required.");
        if (tid == duplicateId) throw ValidationException.For("targetId", "A customer cannot be merged into itself.");
        var duplicate = await Load(duplicateId, ct) ?? throw new NotFoundException("Customer", duplicateId);
        var target = await Load(tid, ct) ?? throw ValidationException.For("targetId", $"Customer {tid} does not exist.");
        if (duplicate.MergedIntoId is not null) throw new ConflictException("This customer was already merged.");
        if (target.MergedIntoId is not null) throw new ConflictException($"Customer {tid} was itself merged; merge into {target.MergedIntoId}.", "targetId");

        var tickets = await db.Tickets.CountAsync(t => t.RequesterId == duplicateId, ct);
        return new CustomerMergePreview(CustomerView.From(duplicate), CustomerView.From(target), tickets,
            duplicate.Emails.Select(e => e.Address).ToList(),
            duplicate.Phones.Where(d => target.Phones.All(p => p.Normalized != d.Normalized)).Select(p => p.Number).ToList(),
            duplicate.Tags.Where(t => !target.Tags.Contains(t)).ToList(),
            !string.IsNullOrWhiteSpace(duplicate.Notes),
            target.OrganizationId ?? duplicate.OrganizationId);
    }

    private Task<Customer?> Load(long id, CancellationToken ct) =>
        db.Customers.AsNoTracking().Include(c => c.Emails).Include(c => c.Phones).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct);
}
