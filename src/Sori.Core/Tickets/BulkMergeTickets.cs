using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

public sealed record BulkMergeTicketsRequest(long? TargetId, IReadOnlyList<long>? SourceIds);

/// <summary>
/// Merges several duplicates into one chosen ticket, as <see cref="MergeTickets"/> does for one:
/// each source's conversation moves over and the source closes with a link. A source that cannot
/// be merged (unknown, closed, the target itself) is reported and left untouched; the others
/// merge together in one transaction.
/// </summary>
public sealed class BulkMergeTickets(SoriDbContext db, TimeProvider clock)
{
    public const int MaxTickets = 100;

    public async Task<IReadOnlyList<BulkUpdateResult>> Handle(BulkMergeTicketsRequest r, Actor actor, CancellationToken ct)
    {
        new Validator()
            .When(r.TargetId is null, "targetId", "is required.")
            .When(r.SourceIds is null || r.SourceIds.Count == 0, "sourceIds", "must list at least one ticket.")
            .When(r.SourceIds is { Count: > MaxTickets }, "sourceIds", $"must list at most {MaxTickets} tickets.")
            .ThrowIfInvalid();
        var target = await db.Tickets.FirstOrDefaultAsync(t => t.Id == r.TargetId, ct)
                     ?? throw ValidationException.For("targetId", $"Ticket {r.TargetId} does not exist.");
        if (target.IsClosed) throw new ConflictException($"Ticket {target.DisplayNumber} is closed and cannot receive a merge.", "targetId");
        var ids = r.SourceIds!.Distinct().ToList();
        var sources = await db.Tickets.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var results = new List<BulkUpdateResult>(ids.Count);
        var merged = new List<long>();
        foreach (var id in ids)
        {
            var source = sources.FirstOrDefault(t => t.Id == id);
            ErrorText? refusal = null;
            if (source is null) refusal = "not found";
            else if (source.Id == target.Id) refusal = "is the ticket the others merge into.";
            else if (source.IsClosed) refusal = $"Ticket {source.DisplayNumber} is closed and cannot be merged.";
            if (refusal is not null) { results.Add(BulkUpdateResult.Refused(id, refusal)); continue; }
            source!.MergeInto(target, actor, now);
            merged.Add(id);
            results.Add(new(id, true, null));
        }
        if (merged.Count == 0) return results;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Messages.Where(m => merged.Contains(m.TicketId)).ExecuteUpdateAsync(s => s.SetProperty(m => m.TicketId, target.Id), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return results;
    }
}
