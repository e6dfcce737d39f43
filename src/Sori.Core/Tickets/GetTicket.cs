using Microsoft.EntityFrameworkCore;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Conversations;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

/// <summary>Read side of one ticket: details, conversation and timeline.</summary>
public sealed class GetTicket(SoriDbContext db)
{
    public async Task<TicketDetail> Handle(long id, CancellationToken ct)
    {
        var t = await db.Tickets.AsNoTracking().AsSplitQuery()
                    .Include(x => x.Requester).ThenInclude(c => c!.Emails)
                    .Include(x => x.Tags).Include(x => x.Followers)
                    .FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("Ticket", id);
        return ToDetail(t);
    }

    public static TicketDetail ToDetail(Ticket t) => new(
        t.Id, t.Number, t.Subject, TicketStatusRules.ToWire(t.Status), TicketStatusRules.ToWire(t.Priority),
        TicketStatusRules.ToWire(t.Channel), TicketStatusRules.ToWire(t.Type),
        new PersonRef(t.RequesterId, t.Requester?.Name ?? "", t.Requester?.PrimaryEmail),
        t.AssigneeId, t.TeamId, t.TagNames.Order().ToList(), t.CustomFields,
        t.Followers.Select(f => f.AgentId).ToList(), t.MergedIntoId, t.Version,
        t.CreatedAt, t.UpdatedAt, t.FirstResponseAt, t.SolvedAt, t.ClosedAt);

    public async Task<Page<MessageView>> Messages(long ticketId, bool includeInternal, long? after, int limit, CancellationToken ct)
    {
        await EnsureExists(ticketId, ct);
        var q = db.Messages.AsNoTracking().Include(m => m.Attachments).Where(m => m.TicketId == ticketId);
        if (!includeInternal) q = q.Where(m => m.Visibility == MessageVisibility.Public);
        if (after is { } a) q = q.Where(m => m.Id > a);
        var rows = await q.OrderBy(m => m.Id).Take(limit + 1).ToListAsync(ct);
        var items = rows.Take(limit).Select(MessageView.From).ToList();
        var ids = items.Select(m => m.Id).ToList();
        // Replies sent by email show whether they left (and why not), so an agent can resend.
        var deliveries = await (from d in db.EmailDeliveries.AsNoTracking()
                                where ids.Contains(d.MessageId)
                                join e in db.MessageEnvelopes.AsNoTracking() on d.EnvelopeId equals e.Id
                                select new { d, e }).ToDictionaryAsync(x => x.d.MessageId, ct);
        if (deliveries.Count > 0)
            items = items.Select(m => deliveries.TryGetValue(m.Id, out var x) ? m with { Delivery = EmailDeliveryView.From(x.d, x.e) } : m).ToList();
        return new Page<MessageView>(items, rows.Count > limit ? items[^1].Id.ToString() : null);
    }

    public async Task<IReadOnlyList<TicketEventView>> Timeline(long ticketId, CancellationToken ct)
    {
        await EnsureExists(ticketId, ct);
        return await db.TicketEvents.AsNoTracking().Where(e => e.TicketId == ticketId).OrderBy(e => e.Id)
            .Select(e => new TicketEventView(e.Id, e.At, e.ActorKind.ToString(), e.ActorId, e.ActorName, e.Kind, e.Field, e.OldValue, e.NewValue))
            .ToListAsync(ct);
    }

    private async Task EnsureExists(long ticketId, CancellationToken ct)
    {
        if (!await db.Tickets.AnyAsync(t => t.Id == ticketId, ct)) throw new NotFoundException("Ticket", ticketId);
    }
}
