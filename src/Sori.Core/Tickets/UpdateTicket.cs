using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

/// <summary>
/// The change set for one or many tickets; absent fields stay as they are. Covers assign,
/// status, priority, type, subject, tags and custom fields, each applied through the aggregate.
/// </summary>
public sealed record UpdateTicketRequest
{
    public string? Subject { get; init; }
    public string? Status { get; init; }
    public string? Priority { get; init; }
    public string? Type { get; init; }
    public Maybe<long?> AssigneeId { get; init; }
    public Maybe<long?> TeamId { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<string>? AddTags { get; init; }
    public IReadOnlyList<string>? RemoveTags { get; init; }
    public IReadOnlyDictionary<string, object?>? CustomFields { get; init; }
}

public sealed class UpdateTicket(SoriDbContext db, TicketInputs inputs, TimeProvider clock)
{
    public sealed record Checked(
        string? Subject, TicketStatus? Status, TicketPriority? Priority, TicketType? Type,
        Maybe<long?> AssigneeId, Maybe<long?> TeamId, UpdateTicketRequest Raw, Dictionary<string, string?> Fields);

    public async Task<Ticket> Handle(long id, UpdateTicketRequest r, Actor actor, CancellationToken ct)
    {
        var change = await CheckAsync(r, ct);
        var ticket = await LoadForChangeAsync(db, id, ct);
        Apply(ticket, change, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return ticket;
    }

    public async Task<Checked> CheckAsync(UpdateTicketRequest r, CancellationToken ct)
    {
        var v = new Validator();
        if (r.Subject is not null) v.Required("subject", r.Subject, Limits.Subject);
        var status = TicketInputs.ParseEnum<TicketStatus>(v, "status", r.Status);
        var priority = TicketInputs.ParseEnum<TicketPriority>(v, "priority", r.Priority);
        var type = TicketInputs.ParseEnum<TicketType>(v, "type", r.Type);
        TicketInputs.CheckTags(v, "tags", r.Tags);
        TicketInputs.CheckTags(v, "addTags", r.AddTags);
        TicketInputs.CheckTags(v, "removeTags", r.RemoveTags);
        if (r.AssigneeId.IsSet) await inputs.CheckAssigneeAsync(v, r.AssigneeId.Value, ct);
        if (r.TeamId.IsSet) await inputs.CheckTeamAsync(v, r.TeamId.Value, ct);
        var fields = await inputs.NormalizeFieldsAsync(v, r.CustomFields, ct);
        v.ThrowIfInvalid();
        return new Checked(r.Subject, status, priority, type, r.AssigneeId, r.TeamId, r, fields);
    }

    /// <summary>Why this change cannot apply to this ticket, or null when it can.</summary>
    public static ErrorText? Refusal(Ticket ticket, Checked c)
    {
        if (ticket.IsClosed) return $"Ticket {ticket.DisplayNumber} is closed and can no longer change.";
        // Assigning a new ticket opens it before the status changes (see Apply), so the move starts from there.
        var from = ticket.Status == TicketStatus.New && c.AssigneeId is { IsSet: true, Value: { } agent } && agent != ticket.AssigneeId
            ? TicketStatus.Open : ticket.Status;
        if (c.Status is { } s && s != from && !TicketStatusRules.CanMove(from, s))
            return $"A {TicketStatusRules.ToWire(from)} ticket cannot become {TicketStatusRules.ToWire(s)}.";
        return null;
    }

    public static void Apply(Ticket ticket, Checked c, Actor actor, DateTime now)
    {
        if (c.Subject is not null) ticket.SetSubject(c.Subject, actor, now);
        if (c.Priority is { } p) ticket.SetPriority(p, actor, now);
        if (c.Type is { } t) ticket.SetType(t, actor, now);
        if (c.AssigneeId.IsSet) ticket.Assign(c.AssigneeId.Value, actor, now);
        if (c.TeamId.IsSet) ticket.AssignTeam(c.TeamId.Value, actor, now);
        if (c.Raw.Tags is not null) ticket.SetTags(c.Raw.Tags, actor, now);
        if (c.Raw.AddTags is not null) ticket.AddTags(c.Raw.AddTags, actor, now);
        if (c.Raw.RemoveTags is not null) ticket.RemoveTags(c.Raw.RemoveTags, actor, now);
        foreach (var (key, value) in c.Fields) ticket.SetCustomField(key, value, actor, now);
        // Status last: labels may still change on a ticket that this update closes.
        if (c.Status is { } s) ticket.ChangeStatus(s, actor, now);
    }

    public static async Task<Ticket> LoadForChangeAsync(SoriDbContext db, long id, CancellationToken ct) =>
        await db.Tickets.Include(t => t.Tags).Include(t => t.Followers).AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == id, ct)
        ?? throw new NotFoundException("Ticket", id);
}
