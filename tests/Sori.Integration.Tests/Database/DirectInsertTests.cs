using System.Text;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sori.Core.Attachments;
using Sori.Core.Audit;
using Sori.Core.Channels.Email;
using Sori.Core.Common;
using Sori.Core.Conversations.Inbound;
using Sori.Core.Customers;
using Sori.Core.Data;
using Sori.Core.Fields;
using Sori.Core.Tickets;
using Sori.Infrastructure.Database;
using Sori.Infrastructure.Storage;
using Sori.Integration.Tests.Support;
using Sori.Testing;

namespace Sori.Integration.Tests.Database;

public sealed class DirectInsertTests_Sqlite : DirectInsertTests<SqliteDatabase>
{
    private protected override async Task<List<string>> TablesAsync(TestDatabase database) =>
        await QueryAsync(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'");

    // Each value with its storage class: SQLite keeps whatever it is given.
    private protected override async Task<List<string>> RowsAsync(TestDatabase database, string table)
    {
        var columns = await QueryAsync(database, $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid");
        var cells = string.Join(" || '|' || ", columns.Select(c => $"typeof(\"{c}\") || ':' || quote(\"{c}\")"));
        return await QueryAsync(database, $"SELECT {cells} FROM \"{table}\"");
    }

    private protected override DbConnection Connect(TestDatabase database) => new SqliteConnection(database.ConnectionString);
}

public sealed class DirectInsertTests_Postgres : DirectInsertTests<PostgresDatabase>
{
    private protected override async Task<List<string>> TablesAsync(TestDatabase database) =>
        await QueryAsync(database, "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");

    // Columns are typed: the row as JSON shows every value as its column stores it.
    private protected override async Task<List<string>> RowsAsync(TestDatabase database, string table) =>
        await QueryAsync(database, $"SELECT row_to_json(t)::text FROM \"{table}\" t");

    private protected override DbConnection Connect(TestDatabase database) => new NpgsqlConnection(database.ConnectionString);
}

/// <summary>
/// New rows are saved by Sori's own INSERTs (<see cref="DirectInsertDatabase"/>) instead of EF's update
/// pipeline. They must be stored exactly as EF stores them, fail as EF fails, and leave every other save
/// to EF.
/// </summary>
public abstract class DirectInsertTests<TDatabase> where TDatabase : TestDatabase, new()
{
    private protected abstract Task<List<string>> TablesAsync(TestDatabase database);
    private protected abstract Task<List<string>> RowsAsync(TestDatabase database, string table);
    private protected abstract DbConnection Connect(TestDatabase database);

    private static readonly System.Text.RegularExpressions.Regex V7 = new("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-7[0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}");
    private static System.Text.RegularExpressions.Regex GuidV7() => V7;

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 30, 0, TimeSpan.Zero);
    private static readonly string[] HotTables = ["Tickets", "Messages", "TicketEvents", "TicketTags", "OutboxMessages", "Customers", "CustomerEmails", "AuditEntries"];

    [Fact]
    public async Task NewRows_AreStoredExactlyAsEfStoresThem()
    {
        var (viaEf, efInserts) = await RunTheSameWorkAsync(directInserts: false);
        var (direct, directInserts) = await RunTheSameWorkAsync(directInserts: true);

        // The work reached the hot tables, through EF's pipeline in one database and not in the other.
        foreach (var table in HotTables) Assert.True(efInserts.Contains(table), $"EF inserted no row into {table}.");
        // With direct inserts, only the reply (a save that also updates its ticket) went through EF.
        Assert.Equal(["Messages", "OutboxMessages"], directInserts.Intersect(HotTables).Order());
        Assert.Equal(viaEf.Keys.Order(), direct.Keys.Order());
        foreach (var (table, rows) in viaEf)
        {
            Assert.True(rows.Count > 0 || !HotTables.Contains(table), $"{table} is empty.");
            Assert.Equal(rows.Count, direct[table].Count);
            for (var i = 0; i < rows.Count; i++)
                Assert.True(rows[i] == direct[table][i], $"{table} row {i + 1}:\n  EF:     {rows[i]}\n  direct: {direct[table][i]}");
        }
    }

    [Fact]
    public async Task ADuplicateRow_FailsAsAUniqueViolation_WritesNothing_AndTheSameContextCanSaveAgain()
    {
        await using var database = new TDatabase();
        await database.InitializeAsync();
        await using var services = database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var now = Start.UtcDateTime;
        var first = NewCustomer("김민지", "minji@example.kr", now);
        var second = NewCustomer("김민지", "minji@example.kr", now);
        db.Customers.AddRange(first, second);

        var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(UniqueViolation.Is(e));
        await using (var check = services.CreateAsyncScope())
            Assert.Equal(0, await check.ServiceProvider.GetRequiredService<SoriDbContext>().Customers.CountAsync());
        // The key SQLite gave the first customer was rolled back with it, and EF forgot it.
        Assert.True(db.Entry(first).Property(c => c.Id).IsTemporary);
        db.Customers.Remove(second);
        await db.SaveChangesAsync();
        Assert.True(first.Id > 0);
        Assert.Equal(first.Id, await db.CustomerEmails.Where(x => x.Address == "minji@example.kr").Select(x => x.CustomerId).SingleAsync());
    }

    [Fact]
    public async Task ANewRowPointingAtAnotherNewRowOfItsType_IsLeftToEf()
    {
        await using var database = new TDatabase();
        await database.InitializeAsync();
        await using var services = database.CreateServices();
        var inserts = new List<string>();
        using var listener = InsertListener(database, inserts);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        var now = Start.UtcDateTime;
        var survivor = NewCustomer("김민지", "minji@example.kr", now);
        var merged = NewCustomer("김민지", "minji.old@example.kr", now);
        db.Customers.AddRange(survivor, merged);
        await db.SaveChangesAsync();
        var kept = NewCustomer("이서준", "seojun@example.kr", now);
        var gone = NewCustomer("이서준", "seojun.old@example.kr", now);
        db.Customers.AddRange(kept, gone);
        // Both new, and the second row points at the first by its temporary key: only EF's pipeline
        // replaces that with the key SQLite assigns.
        db.Entry(gone).Property(c => c.MergedIntoId).CurrentValue = db.Entry(kept).Property(c => c.Id).CurrentValue;

        await db.SaveChangesAsync();

        Assert.Equal(kept.Id, gone.MergedIntoId);
        // The first two went through Sori's inserts, the pair that points within itself through EF's.
        Assert.Equal(2, inserts.Count(t => t == "Customers"));
    }

    private static Customer NewCustomer(string name, string email, DateTime now)
    {
        var customer = new Customer(name, now);
        customer.AddEmail(email);
        return customer;
    }

    /// <summary>
    /// One desk's worth of work on a fresh database, with a fixed clock: tickets from new and known
    /// customers with labels and custom fields, replies, mail, audit entries. Returns every table's rows
    /// (each value with its SQLite storage class) and the tables EF itself sent INSERTs to.
    /// </summary>
    private async Task<(Dictionary<string, List<string>> Rows, HashSet<string> EfInserts)> RunTheSameWorkAsync(bool directInserts)
    {
        await using var database = new TDatabase();
        await database.InitializeAsync();
        var clock = new ManualClock(Start);
        await using var services = database.CreateServices(
            s => s.AddSingleton<IAttachmentStore>(new DiskAttachmentStore(Path.Combine(database.DataDirectory, "attachments"))),
            clock, o => o.DirectInserts = directInserts);
        var inserts = new List<string>();
        using (InsertListener(database, inserts))
        {
            async Task<T> Run<T>(Func<IServiceProvider, Task<T>> action)
            {
                clock.Advance(TimeSpan.FromSeconds(1.234567));
                await using var scope = services.CreateAsyncScope();
                return await action(scope.ServiceProvider);
            }

            await Run(sp => sp.GetRequiredService<ManageCustomFields>().Create(new CustomFieldRequest("order_no", "ticket", "text", "주문번호", "Order number"), default));
            await Run(sp => sp.GetRequiredService<ManageCustomFields>().Create(new CustomFieldRequest("amount", "ticket", "number", "금액", "Amount"), default));
            var first = await Run(sp => sp.GetRequiredService<CreateTicket>().Handle(new CreateTicketRequest(
                "환불 문의 (급함)", "주문한 상품을 환불하고 싶어요.\n감사합니다.", "<p>주문한 상품을 <b>환불</b>하고 싶어요.</p><script>alert(1)</script>",
                new RequesterInput(null, "김민지", "minji@example.kr", "010-1234-5678", "ko"), Channel: "email", Priority: "high", Type: "incident",
                Tags: ["환불", "vip"], CustomFields: new Dictionary<string, object?> { ["order_no"] = "A-1001", ["amount"] = 12_345.5m }, ExternalId: "ext-1"),
                Actor.System, default));
            await Run(sp => sp.GetRequiredService<CreateTicket>().Handle(new CreateTicketRequest(
                "Where is my order?", "It has been a week.", null, new RequesterInput(null, "Jane Doe", "jane@example.com", null, "en")),
                new Actor(ActorKind.ApiToken, 7, "token:ci", null), default));
            // A known customer: the ticket points at the existing row.
            await Run(sp => sp.GetRequiredService<CreateTicket>().Handle(new CreateTicketRequest(
                "배송 문의", "언제 오나요?", null, new RequesterInput(null, "김민지", "minji@example.kr", null, null), Channel: "chat"), Actor.System, default));
            await Run(sp => sp.GetRequiredService<AddMessage>().Handle(first.Id, new AddMessageRequest("확인해 보겠습니다.", null, Visibility: "internal"), Actor.System, default));
            var mailbox = await Run(sp => sp.GetRequiredService<CreateMailbox>().Handle(new CreateMailboxRequest("고객센터", "help@shop.kr"), default));
            var raw = Encoding.UTF8.GetBytes("From: =?UTF-8?B?67CV7KeA7ZuI?= <jihoon@example.kr>\r\nTo: help@shop.kr\r\nCc: friend@example.kr\r\n"
                + "Subject: =?UTF-8?B?6rWQ7ZmYIOusuOydmA==?=\r\nMessage-ID: <m1@example.kr>\r\nDate: Tue, 24 Nov 2026 09:00:00 +0900\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n사이즈가 맞지 않아 교환하고 싶어요.\r\n");
            await Run(sp => sp.GetRequiredService<IngestEmail>().Handle(mailbox.Id, raw, default));
            await Run(async sp =>
            {
                // As the audit writer saves: many entries, no transaction of its own.
                var db = sp.GetRequiredService<SoriDbContext>();
                db.AuditEntries.AddRange(
                    new AuditEntry(Actor.System, "ticket.read", "ticket", first.Id, first.RequesterId, Start.UtcDateTime.AddMinutes(1)),
                    new AuditEntry(new Actor(ActorKind.Agent, null, "상담원 <script>", "agent"), "customer.read", "customer", null, null, Start.UtcDateTime.AddMinutes(2), "{\"fields\":[\"email\"]}"));
                return await db.SaveChangesAsync();
            });
        }

        var rows = new Dictionary<string, List<string>>();
        foreach (var table in await TablesAsync(database))
        {
            // Event ids are version 7 GUIDs, random past their (real) time stamp: compare their form only.
            // Rows are compared as a set: each carries its key, and a composite key (a ticket's tags) puts
            // no meaning in the order its rows were inserted.
            rows[table] = (await RowsAsync(database, table)).Select(r => GuidV7().Replace(r, "(v7 guid)")).Order(StringComparer.Ordinal).ToList();
        }
        return (rows, inserts.ToHashSet());
    }

    private protected async Task<List<string>> QueryAsync(TestDatabase database, string sql)
    {
        await using var connection = Connect(database);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }

    /// <summary>The table of every INSERT that EF itself executes on this database.</summary>
    private EfEvents InsertListener(TestDatabase database, List<string> inserts)
    {
        using var probe = Connect(database);
        var (server, name) = (probe.DataSource, probe.Database);
        return new((eventName, data) =>
        {
            if (eventName != RelationalEventId.CommandExecuted.Name || data is not CommandExecutedEventData { Command: var cmd }
                || cmd.Connection?.DataSource != server || cmd.Connection.Database != name) return;
            foreach (var statement in cmd.CommandText.Split(';'))
            {
                var s = statement.Trim();
                if (!s.StartsWith("INSERT INTO \"", StringComparison.Ordinal)) continue;
                var table = s[13..s.IndexOf('"', 13)];
                lock (inserts) inserts.Add(table);
            }
        });
    }
}
