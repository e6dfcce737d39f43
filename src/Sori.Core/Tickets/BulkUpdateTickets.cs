using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

public sealed record BulkUpdateTicketsRequest(IReadOnlyList<long>? Ids, UpdateTicketRequest? Changes);

public sealed record BulkUpdateResult(long Id, bool Ok, string? Error)
{
    /// <summary>The refusal with its template, for a page in another language; the API answers <see cref="Error"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public ErrorText? Why { get; init; }

    public static BulkUpdateResult Refused(long id, ErrorText why) => new(id, false, why.Text) { Why = why };
}

/// <summary>Applies one change set to many tickets; each ticket succeeds or fails on its own rules.</summary>
public sealed class BulkUpdateTickets(SoriDbContext db, UpdateTicket update, TimeProvider clock)
{
    public const int MaxTickets = 500;

    public async Task<IReadOnlyList<BulkUpdateResult>> Handle(BulkUpdateTicketsRequest r, Actor actor, CancellationToken ct)
    {
        new Validator()
            .When(r.Ids is null || r.Ids.Count == 0, "ids", "must list at least one ticket.")
            .When(r.Ids is { Count: > MaxTickets }, "ids", $"must list at most {MaxTickets} tickets.")
            .When(r.Changes is null, "changes", "is required.")
            .ThrowIfInvalid();
        var change = await update.CheckAsync(r.Changes!, ct);
        var ids = r.Ids!.Distinct().ToList();
        var tickets = await db.Tickets.Include(t => t.Tags).Where(t => ids.Contains(t.Id)).AsSplitQuery().ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var results = new List<BulkUpdateResult>(ids.Count);
        foreach (var id in ids)
        {
            var ticket = tickets.FirstOrDefault(t => t.Id == id);
            if (ticket is null) { results.Add(BulkUpdateResult.Refused(id, "not found")); continue; }
            // Refuse before touching the ticket, so a refused ticket keeps no half-applied change.
            if (UpdateTicket.Refusal(ticket, change) is { } refusal) { results.Add(BulkUpdateResult.Refused(id, refusal)); continue; }
            UpdateTicket.Apply(ticket, change, actor, now);
            results.Add(new(id, true, null));
        }
        await db.SaveChangesAsync(ct);
        return results;
    }
}
