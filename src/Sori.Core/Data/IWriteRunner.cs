namespace Sori.Core.Data;

/// <summary>A unit of work: adds or changes entities on the context it is given and saves them; may run more than once.</summary>
public delegate Task<T> WriteUnit<T>(SoriDbContext db, CancellationToken ct);

/// <summary>
/// Runs a unit of work inside a write transaction and returns its result once that transaction has
/// committed. The unit must do all its writes (and the reads they depend on) on the context it is given,
/// and must build its entities itself, because it may be retried on a fresh context.
/// On SQLite, which has one writer at a time, units from concurrent requests are queued and committed
/// together (group commit, one savepoint per unit, so a failing unit affects only its caller). On
/// PostgreSQL each unit runs in its own transaction on the caller's context, retried once when it loses
/// a race on a unique index.
/// </summary>
public interface IWriteRunner
{
    Task<T> RunAsync<T>(WriteUnit<T> unit, CancellationToken ct);
}
