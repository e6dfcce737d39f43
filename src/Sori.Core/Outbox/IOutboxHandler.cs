namespace Sori.Core.Outbox;

/// <summary>
/// Reacts to one committed domain event. The outbox worker runs every handler inside the transaction
/// that marks the message processed, so a handler's rows commit together with "done" or not at all.
/// Handlers should therefore only write rows; calls to the outside world belong in their own leased
/// work items (as webhook deliveries are), never here. Handlers should still tolerate a second run.
/// </summary>
public interface IOutboxHandler
{
    Task HandleAsync(OutboxMessage message, CancellationToken ct);
}
