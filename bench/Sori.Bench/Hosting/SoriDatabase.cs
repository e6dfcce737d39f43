using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sori.Core;
using Sori.Core.Channels.Email;
using Sori.Core.Conversations;
using Sori.Core.Data;
using Sori.Core.Tokens;
using Sori.Infrastructure.Database;

namespace Sori.Bench.Hosting;

/// <summary>
/// A fresh, empty Sori database per run (a temp SQLite file or a new PostgreSQL database), so runs
/// never measure each other's leftovers; dropped again on dispose.
/// </summary>
public sealed class SoriDatabase : IAsyncDisposable
{
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string DataDirectory { get; }
    private readonly string? _serverConnectionString;
    private readonly string? _pgDatabase;

    private SoriDatabase(DatabaseProvider provider, string connectionString, string dataDirectory, string? server, string? pgDatabase) =>
        (Provider, ConnectionString, DataDirectory, _serverConnectionString, _pgDatabase) = (provider, connectionString, dataDirectory, server, pgDatabase);

    public static async Task<SoriDatabase> CreateAsync(DatabaseProvider provider, string? postgresServer, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("sori-bench-").FullName;
        if (provider == DatabaseProvider.Sqlite)
            return new SoriDatabase(provider, $"Data Source={Path.Combine(dir, "sori.db")}", dir, null, null);

        var server = postgresServer ?? throw new InvalidOperationException("PostgreSQL needs --postgres");
        var name = $"sori_bench_{Guid.NewGuid():N}"[..19];
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new SoriDatabase(provider, cs, dir, server, name);
    }

    /// <summary>Migrates with Sori's own code and issues a read/write API token the way Sori stores one.</summary>
    /// <summary>A token with read and write scopes (and more when given), for the load and the probes.</summary>
    public async Task<string> IssueTokenAsync(CancellationToken ct, params string[] extraScopes)
    {
        var (token, plain) = ApiToken.Issue("bench", [TokenScopes.Read, TokenScopes.Write, .. extraScopes], null, DateTime.UtcNow);
        await WithContextAsync(async db =>
        {
            await db.Database.MigrateAsync(ct);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync(ct);
        });
        return plain;
    }

    public sealed record Counts(int Tickets, int Customers, int DuplicateEmails);

    /// <summary>What ended up stored, to check every 201 was a ticket and no customer was created twice.</summary>
    public async Task<Counts> CountAsync(CancellationToken ct)
    {
        Counts? counts = null;
        await WithContextAsync(async db => counts = new Counts(
            await db.Tickets.CountAsync(ct),
            await db.Customers.CountAsync(ct),
            await db.CustomerEmails.GroupBy(e => e.Address).CountAsync(g => g.Count() > 1, ct)));
        return counts!;
    }

    /// <summary>A mailbox made by Sori's own use case; returns its id.</summary>
    public async Task<long> CreateMailboxAsync(string address, MailServerInput? imap, CancellationToken ct)
    {
        long id = 0;
        await WithServicesAsync(async sp => id = (await sp.GetRequiredService<CreateMailbox>()
            .Handle(new CreateMailboxRequest("고객센터", address, Imap: imap), ct)).Id);
        return id;
    }

    public sealed record MailCounts(int Envelopes, int Tickets, int Messages, int Quarantined);

    /// <summary>What a mailbox's mail became: envelopes, the tickets they opened, every message on them, and what was held.</summary>
    public async Task<MailCounts> CountMailAsync(long mailboxId, CancellationToken ct)
    {
        MailCounts? counts = null;
        await WithContextAsync(async db =>
        {
            var envelopes = db.MessageEnvelopes.Where(e => e.MailboxId == mailboxId);
            var tickets = envelopes.Where(e => e.TicketId != null).Select(e => e.TicketId!.Value).Distinct();
            counts = new MailCounts(await envelopes.CountAsync(ct), await tickets.CountAsync(ct),
                await db.Messages.CountAsync(m => tickets.Contains(m.TicketId), ct),
                await envelopes.CountAsync(e => e.Disposition == InboundDisposition.Quarantined, ct));
        });
        return counts!;
    }

    private Task WithContextAsync(Func<SoriDbContext, Task> work) => WithServicesAsync(sp => work(sp.GetRequiredService<SoriDbContext>()));

    private async Task WithServicesAsync(Func<IServiceProvider, Task> work)
    {
        var services = new ServiceCollection();
        services.AddSoriCore();
        services.AddSoriDatabase(new DatabaseOptions { Provider = Provider, ConnectionString = ConnectionString }, DataDirectory);
        await using (var provider = services.BuildServiceProvider())
        await using (var scope = provider.CreateAsyncScope())
            await work(scope.ServiceProvider);
        // Pooled connections would keep the SQLite file open or block DROP DATABASE.
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgDatabase is not null)
        {
            try
            {
                await using var conn = new NpgsqlConnection(_serverConnectionString);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException e) { Console.Error.WriteLine($"could not drop {_pgDatabase}: {e.Message}"); }
        }
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
