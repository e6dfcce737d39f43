using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Conversations.Inbound;
using Sori.Core.Data;
using Sori.Core.Tickets;
using Sori.Infrastructure.Outbox;
using Sori.Integration.Tests.Support;
using Sori.Testing;

namespace Sori.Integration.Tests.Database;

/// <summary>
/// Sori prepares its statements on PostgreSQL (Npgsql's automatic preparation), and after a few runs
/// PostgreSQL may keep one generic plan for a prepared statement, made without the parameters' values.
/// The hot lookups must keep their index probe in that plan too: these tests plan them as generic
/// plans against a table whose statistics look like a busy desk's.
/// </summary>
public sealed class GenericPlanTests(PostgresDatabase database, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task ThreadingByHeaders_ProbesTheIdsInTheIndex()
    {
        await using var services = database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        // A desk's worth of mail: 4,000 tickets of five mails each, every envelope on the email channel
        // with its Message-ID and its ticket.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Customers" ("Name", "Language", "TimeZone", "CreatedAt", "UpdatedAt", "Tags", "CustomFields")
            VALUES ('김민지', 'ko', 'Asia/Seoul', now(), now(), '{{}}', '{{}}');
            INSERT INTO "Tickets" ("Number", "Subject", "Status", "Priority", "Channel", "Type", "RequesterId", "CreatedAt", "UpdatedAt", "Version", "CustomFields")
            SELECT 900000 + g, '환불 문의', 'Open', 'Normal', 'Email', 'Question', (SELECT max("Id") FROM "Customers"), now(), now(), 1, '{{}}'
            FROM generate_series(1, 4000) AS g;
            INSERT INTO "MessageEnvelopes" ("Direction", "Channel", "DedupeKey", "ExternalId", "Subject", "ReceivedAt", "Disposition", "SpamScore", "RawSize", "TicketId")
            SELECT 'Inbound', 'Email', 'plan-' || g, 'plan-' || g || '@mail.example.com', '환불 문의', now(), 'Created', 0, 100,
                   (SELECT min("Id") FROM "Tickets" WHERE "Number" > 900000) + g / 5
            FROM generate_series(0, 19999) AS g;
            ANALYZE "Customers", "Tickets";
            """);
        var query = InboundThreading.HeaderHits(db, TicketChannel.Email, ["plan-17@mail.example.com", "plan-18@mail.example.com"]);

        // Before the table has statistics (a new desk, or right after an import), and after.
        AssertProbesIds(await QueryPlans.PostgresGeneric(db, query));
        await db.Database.ExecuteSqlRawAsync("""ANALYZE "MessageEnvelopes";""");
        AssertProbesIds(await QueryPlans.PostgresGeneric(db, query));
    }

    [Fact]
    public async Task OutboxClaim_ReadsOnlyThePendingRows_HoweverLongTheOutbox()
    {
        await using var services = database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        // A desk that has run a while: 30,000 events done (nothing purges them) and 20 still to do.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "OutboxMessages" ("Type", "Payload", "EventId", "CreatedAt", "AvailableAt", "Attempts", "ProcessedAt")
            SELECT 'ticket.created', '{{}}', gen_random_uuid(), now(), now(), 1, now() FROM generate_series(1, 30000);
            INSERT INTO "OutboxMessages" ("Type", "Payload", "EventId", "CreatedAt", "AvailableAt", "Attempts")
            SELECT 'ticket.created', '{{}}', gen_random_uuid(), now(), now(), 0 FROM generate_series(1, 20);
            """);
        var query = OutboxLease.Candidates(db, new OutboxOptions(), DateTime.UtcNow.AddMinutes(1));

        // Before the table has statistics (a new desk: the plan is made while it is small), and after.
        AssertReadsPending(await QueryPlans.PostgresGeneric(db, query));
        await db.Database.ExecuteSqlRawAsync("""ANALYZE "OutboxMessages";""");
        AssertReadsPending(await QueryPlans.PostgresGeneric(db, query));
    }

    private void AssertReadsPending(string plan)
    {
        output.WriteLine(plan);
        Assert.Contains("IX_OutboxMessages_Pending", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotContain("Rows Removed by Filter", plan);
        Assert.Contains("rows=20 loops=1", plan);
    }

    private void AssertProbesIds(string plan)
    {
        output.WriteLine(plan);
        Assert.True(Regex.IsMatch(plan, @"Index Cond: .*""ExternalId""\)::text = ANY"), plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotContain("Rows Removed by Filter", plan);
        Assert.Contains("rows=2 loops=1", plan);
    }
}
