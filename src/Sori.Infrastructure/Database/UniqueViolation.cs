using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Sori.Infrastructure.Database;

/// <summary>Recognizes "a unique index rejected this row" on both providers.</summary>
public static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067, SqliteConstraintPrimaryKey = 1555;

    public static bool Is(Exception e) => (e is DbUpdateException { InnerException: { } inner } ? inner : e) switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

/// <summary>Recognizes a write that lost a race with another transaction and may succeed when run again.</summary>
public static class WriteConflict
{
    public static bool LostRace(Exception e) =>
        UniqueViolation.Is(e) || e is DbUpdateConcurrencyException
        || (e is DbUpdateException { InnerException: PostgresException p } ? p : e as PostgresException)?.SqlState
            is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
