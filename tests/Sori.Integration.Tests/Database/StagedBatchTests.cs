using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;
using Sori.Integration.Tests.Support;
using Sori.Testing;

namespace Sori.Integration.Tests.Database;

/// <summary>
/// Staged units share one context per batch (ADR-006). Each new ticket looks in DbSet.Local for a
/// requester another unit staged; with automatic change detection on, every look compared every entity
/// staged so far with its snapshot, so a batch's cost grew with the square of its size.
/// </summary>
public sealed class StagedBatchTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task ABatchOfNewTickets_DetectsChangesOnce_NotOncePerUnit()
    {
        await using var services = database.CreateServices();
        const int count = 24;
        var detections = 0;
        using var listener = new EfEvents((name, data) =>
        {
            if (name == CoreEventId.DetectChangesStarting.Name && data is DbContextEventData { Context: { } context }
                && context.Database.GetConnectionString() == database.ConnectionString) Interlocked.Increment(ref detections);
        });

        // Hold the write gate (an open write transaction elsewhere) so the units queue into one or two batches.
        Task<Ticket[]> creating;
        await using (var scope = services.CreateAsyncScope())
        {
            var blocker = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            await using var tx = await blocker.Database.BeginTransactionAsync();
            creating = Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await using var s = services.CreateAsyncScope();
                return await s.ServiceProvider.GetRequiredService<CreateTicket>().Handle(new CreateTicketRequest(
                    $"묶음 문의 {i}", "본문", null, new RequesterInput(null, "고객", $"batch{i % 4}-{Guid.NewGuid():N}@example.kr", null, null)),
                    Actor.System, default);
            }));
            await Task.Delay(300);
            Interlocked.Exchange(ref detections, 0);
            await tx.RollbackAsync();
        }
        var tickets = await creating;

        Assert.Equal(count, tickets.Select(t => t.Id).Distinct().Count());
        // One detection per save of a batch (entities, then their outbox rows) at most, whatever its size.
        Assert.InRange(detections, 1, 6);
    }
}
