using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Audit;

/// <summary>Filters of the audit log; bound from the query string as it is (properties, not a constructor).</summary>
public sealed record AuditQuery
{
    public long? CustomerId { get; init; }
    public string? EntityType { get; init; }
    public long? EntityId { get; init; }
    public string? ActorKind { get; init; }
    public long? ActorId { get; init; }
    public string? Action { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed record AuditEntryView(long Id, DateTime At, string ActorKind, long? ActorId, string ActorName, string Action,
    string EntityType, long? EntityId, long? CustomerId, string? IpAddress, string? Details);

/// <summary>Answers "who looked at or changed this customer's data, and from where", newest first.</summary>
public sealed class AuditQueries(SoriDbContext db)
{
    public async Task<Page<AuditEntryView>> List(AuditQuery q, CancellationToken ct)
    {
        var take = q.Limit ?? 100;
        var v = new Validator().When(take is < 1 or > 500, "limit", "must be between 1 and 500.");
        var kind = TicketInputs.ParseEnum<ActorKind>(v, "actorKind", q.ActorKind is null ? null : q.ActorKind switch { "token" => "api_token", var other => other });
        long? before = null;
        if (q.Cursor is not null) { if (long.TryParse(q.Cursor, out var c)) before = c; else v.Add("cursor", "is not a cursor from this listing."); }
        v.ThrowIfInvalid();

        var entries = db.AuditEntries.AsNoTracking();
        if (q.CustomerId is { } cid) entries = entries.Where(e => e.CustomerId == cid);
        if (q.EntityType is { } et) entries = entries.Where(e => e.EntityType == et);
        if (q.EntityId is { } eid) entries = entries.Where(e => e.EntityId == eid);
        if (kind is { } k) entries = entries.Where(e => e.ActorKind == k);
        if (q.ActorId is { } aid) entries = entries.Where(e => e.ActorId == aid);
        if (q.Action is { } act) entries = entries.Where(e => e.Action == act);
        if (q.From is { } from) entries = entries.Where(e => e.At >= from);
        if (q.To is { } to) entries = entries.Where(e => e.At < to);
        if (before is { } b) entries = entries.Where(e => e.Id < b);
        var rows = await entries.OrderByDescending(e => e.Id).Take(take + 1)
            .Select(e => new AuditEntryView(e.Id, e.At, e.ActorKind.ToString(), e.ActorId, e.ActorName, e.Action, e.EntityType,
                e.EntityId, e.CustomerId, e.IpAddress, e.Details))
            .ToListAsync(ct);
        var items = rows.Take(take).ToList();
        return new Page<AuditEntryView>(items, rows.Count > take ? items[^1].Id.ToString() : null);
    }
}
