namespace Sori.Core.Common;

/// <summary>Something that happened, named past tense ("ticket.created"); written to the outbox with the change.</summary>
public interface IDomainEvent
{
    string Name { get; }
}

/// <summary>
/// Aggregates raise events as factories: ids assigned by the database are only known after the
/// first save, so the payload is built when the outbox row is written, in the same transaction.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<(DateTime At, Func<IDomainEvent> Build)> _domainEvents = [];
    public IReadOnlyList<(DateTime At, Func<IDomainEvent> Build)> PendingDomainEvents => _domainEvents;
    protected void Raise(DateTime at, Func<IDomainEvent> e) => _domainEvents.Add((at, e));
    public void ClearDomainEvents() => _domainEvents.Clear();
}
