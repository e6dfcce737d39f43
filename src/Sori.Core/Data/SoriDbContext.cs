using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Agents;
using Sori.Core.Audit;
using Sori.Core.Common;
using Sori.Core.Customers;
using Sori.Core.Fields;
using Sori.Core.Outbox;
using Sori.Core.Settings;
using Sori.Core.Tags;
using Sori.Core.Tickets;
using Sori.Core.Tokens;
using Sori.Core.Webhooks;

namespace Sori.Core.Data;

public class SoriDbContext(DbContextOptions<SoriDbContext> options) : IdentityUserContext<Agent, long>(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<TicketEvent> TicketEvents => Set<TicketEvent>();
    public DbSet<TicketTag> TicketTags => Set<TicketTag>();
    public DbSet<TicketFollower> TicketFollowers => Set<TicketFollower>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerEmail> CustomerEmails => Set<CustomerEmail>();
    public DbSet<CustomerPhone> CustomerPhones => Set<CustomerPhone>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<CustomFieldDefinition> CustomFields => Set<CustomFieldDefinition>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Counter> Counters => Set<Counter>();
    public DbSet<DeskSettings> DeskSettings => Set<DeskSettings>();
    public DbSet<TagDefinition> TagDefinitions => Set<TagDefinition>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SoriDbContext).Assembly);
        // Ticket numbers come from a native sequence where the provider has one (see ITicketNumberAllocator).
        if (Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
            builder.HasSequence<long>(TicketNumberSequence);
    }

    public const string TicketNumberSequence = "ticket_number_seq";

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>
    /// Saves, and writes the domain events raised by tracked aggregates to the outbox in the same
    /// transaction, so a change and its side effects commit together or not at all. Events carry the keys
    /// of tickets, messages and customers (<see cref="AggregateRoot"/>): when a new one of those still waits
    /// for its key from the database, the events are built after a first save and written by a second;
    /// when every such key is known (PostgreSQL reserves a new ticket's, ADR-001), they go in the same save.
    /// Changes are detected once, up front: the entity scan below, the saves and the interceptors would
    /// otherwise each compare every tracked entity with its snapshot again, which is most of the cost of
    /// a small save.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        var tracker = ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        if (autoDetect) tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            List<AggregateRoot>? raisers = null;
            var keysPending = false;
            foreach (var entry in tracker.Entries())
            {
                if (entry.Entity is AggregateRoot { PendingDomainEvents.Count: > 0 } aggregate) (raisers ??= []).Add(aggregate);
                if (entry is { State: EntityState.Added, IsKeySet: false, Entity: Ticket or Message or Customer }) keysPending = true;
            }
            if (raisers is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            if (!keysPending)
            {
                WriteEvents(raisers);
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            }

            var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
            try
            {
                var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
                WriteEvents(raisers);
                written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
                if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
                return written;
            }
            finally
            {
                if (ownTransaction is not null) await ownTransaction.DisposeAsync();
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private void WriteEvents(List<AggregateRoot> raisers)
    {
        foreach (var aggregate in raisers)
        {
            foreach (var (at, build) in aggregate.PendingDomainEvents)
            {
                var e = build();
                OutboxMessages.Add(new OutboxMessage(e.Name, JsonSerializer.Serialize(e, e.GetType(), JsonDefaults.Web), at));
            }
            aggregate.ClearDomainEvents();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();
}

public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
