namespace Sori.Core.Data;

/// <summary>A unit of work: adds or changes entities on the context it is given and saves them; may run more than once.</summary>
public delegate Task<T> WriteUnit<T>(SoriDbContext db, CancellationToken ct);

/// <summary>
/// Runs a unit of work inside a write transaction and returns its result once that transaction has
/// committed. The unit must do all its writes (and the reads they depend on) on the context it is given,
/// and must build its entities itself, because it may be retried on a fresh context.
/// Units from concurrent requests are queued and committed together (group commit; when a unit fails, the
/// batch runs again with a savepoint per unit, so the failure reaches only its caller); a unit that
/// loses a race with another process on a
/// unique index or a concurrency token runs once more. A unit must not be started while its caller holds
/// a write transaction of its own.
/// <para>
/// <c>affinity</c> names what the unit writes around (the customer's address): units with the same
/// affinity always run one after another. The runner may commit units of different affinities in
/// parallel transactions (PostgreSQL), so such units rarely contend for the same rows.
/// </para>
/// </summary>
public interface IWriteRunner
{
    /// <summary>Runs a unit that saves its own changes (it may save more than once and read what it saved).</summary>
    Task<T> RunAsync<T>(WriteUnit<T> unit, CancellationToken ct, string? affinity = null);

    /// <summary>
    /// Runs a unit that only <em>stages</em> changes: it adds and changes entities but does not call
    /// SaveChanges; the runner saves them, and the result (whose database-generated ids are filled in by
    /// then) is handed back after the commit. The staged changes of every waiting unit are saved
    /// together in one SaveChanges, which costs far less than one per unit; if that save fails, the batch
    /// is rolled back and each unit runs again alone, so a failing unit still fails only its caller. The
    /// unit may see entities staged by other units on the same context (look in <c>DbSet.Local</c> before
    /// attaching or creating a row that another unit may have staged).
    /// </summary>
    Task<T> StageAsync<T>(WriteUnit<T> unit, CancellationToken ct, string? affinity = null);
}
