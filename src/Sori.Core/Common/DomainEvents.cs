namespace Sori.Core.Common;

/// <summary>Something that happened, named past tense ("ticket.created"); written to the outbox with the change.</summary>
public interface IDomainEvent
{
    string Name { get; }
}

/// <summary>
/// Aggregates raise events as factories: ids assigned by the database may only be known after the
/// first save, so the payload is built when the outbox row is written, in the same transaction. An
/// event may carry the keys of tickets, messages and customers, and no other generated key: the
/// context builds events before saving when none of those is still waiting for its key
/// (<see cref="Data.SoriDbContext.SaveChangesAsync(bool, CancellationToken)"/>).
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<(DateTime At, Func<IDomainEvent> Build)> _domainEvents = [];
    public IReadOnlyList<(DateTime At, Func<IDomainEvent> Build)> PendingDomainEvents => _domainEvents;
    protected void Raise(DateTime at, Func<IDomainEvent> e) => _domainEvents.Add((at, e));
    public void ClearDomainEvents() => _domainEvents.Clear();
}
