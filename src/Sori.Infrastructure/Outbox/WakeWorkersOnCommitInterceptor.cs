using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sori.Core.Channels.Email;
using Sori.Core.Outbox;
using Sori.Core.Webhooks;

namespace Sori.Infrastructure.Outbox;

/// <summary>
/// Wakes this process's outbox and delivery workers right after a commit that wrote work for them,
/// so events leave in milliseconds instead of at the next poll. It waits for the commit because a
/// worker woken earlier would not see the rows yet. Other nodes are not told: they poll.
/// </summary>
public sealed class WakeWorkersOnCommitInterceptor(OutboxSignal outbox, WebhookDeliverySignal deliveries, EmailDeliverySignal emails)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending { public bool Outbox; public bool Deliveries; public bool Emails; }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Fire(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Fire(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Forget(eventData.Context);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Fire(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Fire(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// One pass over the tracked entries, without detecting changes: SaveChanges detects them after
    /// this interceptor runs, and work rows are always added explicitly (DbSet.Add), never reached
    /// only through a navigation.
    /// </summary>
    private void Note(DbContext? context)
    {
        if (context is null) return;
        var tracker = context.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        bool outboxAdded = false, deliveriesAdded = false, emailsAdded = false;
        try
        {
            foreach (var entry in tracker.Entries())
            {
                if (entry.State != EntityState.Added) continue;
                switch (entry.Entity)
                {
                    case OutboxMessage: outboxAdded = true; break;
                    case WebhookDelivery: deliveriesAdded = true; break;
                    case EmailDelivery: emailsAdded = true; break;
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
        if (!outboxAdded && !deliveriesAdded && !emailsAdded) return;
        var p = _pending.GetOrCreateValue(context);
        p.Outbox |= outboxAdded;
        p.Deliveries |= deliveriesAdded;
        p.Emails |= emailsAdded;
    }

    private void Fire(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var p)) return;
        _pending.Remove(context);
        if (p.Outbox) outbox.Notify();
        if (p.Deliveries) deliveries.Notify();
        if (p.Emails) emails.Notify();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }
}
