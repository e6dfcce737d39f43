using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Outbox;

public sealed record OutboxMessageView(
    long Id, string Type, Guid EventId, DateTime CreatedAt, DateTime AvailableAt, int Attempts, DateTime? ProcessedAt,
    string? LastError, string? LockedBy, DateTime? LockedUntil, string State);

/// <summary>
/// What operators need when side effects stop flowing: events still waiting, and the "stuck" ones that
/// used up their attempts and wait for a person (state: pending, stuck, processed; newest first).
/// </summary>
public sealed class OutboxQueries(SoriDbContext db)
{
    public const int MaxLimit = 200;

    public async Task<Page<OutboxMessageView>> List(string? state, int maxAttempts, long? before, int? limit, CancellationToken ct)
    {
        var take = limit ?? 50;
        new Validator()
            .When(state is not (null or "pending" or "stuck" or "processed"), "state", "must be pending, stuck or processed.")
            .When(take is < 1 or > MaxLimit, "limit", $"must be between 1 and {MaxLimit}.")
            .ThrowIfInvalid();
        var q = db.OutboxMessages.AsNoTracking();
        q = state switch
        {
            "pending" => q.Where(m => m.ProcessedAt == null && m.Attempts < maxAttempts),
            "stuck" => q.Where(m => m.ProcessedAt == null && m.Attempts >= maxAttempts),
            "processed" => q.Where(m => m.ProcessedAt != null),
            _ => q,
        };
        if (before is { } b) q = q.Where(m => m.Id < b);
        var rows = await q.OrderByDescending(m => m.Id).Take(take + 1).ToListAsync(ct);
        var items = rows.Take(take).Select(m => View(m, maxAttempts)).ToList();
        return new Page<OutboxMessageView>(items, rows.Count > take ? items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Gives a stuck (or waiting) event a fresh set of attempts, due now.</summary>
    public async Task<OutboxMessageView> Retry(long id, int maxAttempts, DateTime now, CancellationToken ct)
    {
        var m = await db.OutboxMessages.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Outbox message", id);
        if (m.ProcessedAt is not null) throw new ConflictException($"Outbox message {id} was already processed.");
        m.Attempts = 0;
        m.AvailableAt = now;
        m.LockedBy = null;
        m.LockedUntil = null;
        await db.SaveChangesAsync(ct);
        return View(m, maxAttempts);
    }

    private static OutboxMessageView View(OutboxMessage m, int maxAttempts) => new(
        m.Id, m.Type, m.EventId, m.CreatedAt, m.AvailableAt, m.Attempts, m.ProcessedAt, m.LastError, m.LockedBy, m.LockedUntil,
        m.ProcessedAt is not null ? "processed" : m.Attempts >= maxAttempts ? "stuck" : "pending");
}
