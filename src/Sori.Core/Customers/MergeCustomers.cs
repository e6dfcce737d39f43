using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Customers;

public sealed record MergeCustomersRequest(long? TargetId);

/// <summary>
/// Folds a duplicate customer into another: tickets, messages, addresses and phones move to the
/// target, tags and notes are combined, and the duplicate stays as a pointer so old links resolve.
/// </summary>
public sealed class MergeCustomers(SoriDbContext db, TimeProvider clock)
{
    public async Task<Customer> Handle(long sourceId, MergeCustomersRequest r, CancellationToken ct)
    {
        if (r.TargetId is not { } targetId) throw ValidationException.For("targetId", "is required.");
        var source = await db.Customers.FirstOrDefaultAsync(c => c.Id == sourceId, ct) ?? throw new NotFoundException("Customer", sourceId);
        var target = await db.Customers.FirstOrDefaultAsync(c => c.Id == targetId, ct)
                     ?? throw ValidationException.For("targetId", $"Customer {targetId} does not exist.");
        if (target.MergedIntoId is not null) throw new ConflictException($"Customer {targetId} was itself merged; merge into {target.MergedIntoId}.", "targetId");
        source.MarkMergedInto(target, clock.GetUtcNow().UtcDateTime);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Tickets.Where(t => t.RequesterId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(t => t.RequesterId, targetId), ct);
        await db.Messages.Where(m => m.AuthorCustomerId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(m => m.AuthorCustomerId, targetId), ct);
        await db.CustomerEmails.Where(e => e.CustomerId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, targetId), ct);
        var targetPhones = db.CustomerPhones.Where(p => p.CustomerId == targetId).Select(p => p.Normalized);
        await db.CustomerPhones.Where(p => p.CustomerId == sourceId && targetPhones.Contains(p.Normalized)).ExecuteDeleteAsync(ct);
        await db.CustomerPhones.Where(p => p.CustomerId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CustomerId, targetId), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return await UpdateCustomer.Load(db, targetId, ct);
    }
}
