using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sori.Infrastructure.Database;

namespace Sori.Bench.Hosting;

/// <summary>A large desk loaded with plain SQL in seconds, for the scenarios that measure reads at scale.</summary>
public static class TicketSeed
{
    public static DbConnection Connect(SoriDatabase db) =>
        db.Provider == DatabaseProvider.Sqlite ? new SqliteConnection(db.ConnectionString) : new NpgsqlConnection(db.ConnectionString);

    /// <summary>
    /// <paramref name="customers"/> customers, each with an email address, and <paramref name="tickets"/> tickets in one SQL statement each: status cycles
    /// through the six states, priority and channel vary independently, 30 s apart; then the ticket number counter follows.
    /// </summary>
    public static async Task LoadAsync(SoriDatabase db, int tickets, int customers, CancellationToken ct)
    {
        await using var conn = Connect(db);
        await conn.OpenAsync(ct);
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        string Series(string n) => sqlite
            ? $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) SELECT i FROM n"
            : $"SELECT i FROM generate_series(1::bigint, {n}) AS g(i)";
        var day0 = sqlite ? "'2026-01-01 00:00:00'" : "timestamptz '2026-01-01 00:00:00+00'";
        string At(string seconds) => sqlite ? $"datetime('2025-01-01 00:00:00', '+' || ({seconds}) || ' seconds')"
                                            : $"timestamptz '2025-01-01 00:00:00+00' + ({seconds}) * interval '1 second'";
        var emptyTags = sqlite ? "'[]'" : "'{}'::text[]";
        const string emptyObject = "'{}'";
        string[] statements =
        [
            $"""
            INSERT INTO "Customers" ("Name", "Language", "TimeZone", "CreatedAt", "UpdatedAt", "Tags", "CustomFields")
            SELECT '고객 ' || i, 'ko', 'Asia/Seoul', {day0}, {day0}, {emptyTags}, {emptyObject} FROM ({Series(customers.ToString())}) s
            """,
            $"""
            INSERT INTO "CustomerEmails" ("CustomerId", "Address")
            SELECT i, 'customer' || i || '@example.com' FROM ({Series(customers.ToString())}) s
            """,
            $"""
            INSERT INTO "Tickets" ("Number", "Subject", "Status", "Priority", "Channel", "Type", "RequesterId", "CreatedAt", "UpdatedAt", "Version", "CustomFields")
            SELECT i, '배송 문의 ' || i,
                   CASE i % 6 WHEN 0 THEN 'New' WHEN 1 THEN 'Open' WHEN 2 THEN 'Pending' WHEN 3 THEN 'OnHold' WHEN 4 THEN 'Solved' ELSE 'Closed' END,
                   CASE (i / 6) % 4 WHEN 0 THEN 'Low' WHEN 1 THEN 'Normal' WHEN 2 THEN 'High' ELSE 'Urgent' END,
                   CASE (i / 24) % 6 WHEN 0 THEN 'Email' WHEN 1 THEN 'Chat' WHEN 2 THEN 'WebForm' WHEN 3 THEN 'Api' WHEN 4 THEN 'Phone' ELSE 'Messenger' END,
                   'Question', 1 + (i * 7919) % {customers}, {At("i * 30")}, {At("i * 30 + 60")}, 0, {emptyObject}
            FROM ({Series(tickets.ToString())}) s
            """,
            sqlite ? $"UPDATE \"Counters\" SET \"Value\" = {tickets} WHERE \"Name\" = 'ticket_number'"
                   : $"SELECT setval('ticket_number_seq', {tickets})",
        ];
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var sql in statements)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = tx;
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        if (!sqlite)
        {
            // What autovacuum would do shortly after a bulk load; SQLite gets no statistics, as in Sori.
            await using var analyze = conn.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync(ct);
        }
    }
}
