using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sori.Core.Audit;
using Sori.Core.Common;
using Sori.Core.Fields;
using Sori.Core.Outbox;
using Sori.Core.Tokens;
using Sori.Core.Webhooks;

namespace Sori.Core.Data;

internal sealed class CustomFieldConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> b)
    {
        b.HasKey(f => f.Id);
        b.Property(f => f.Key).HasMaxLength(64);
        b.Property(f => f.NameKo).HasMaxLength(Limits.Name);
        b.Property(f => f.NameEn).HasMaxLength(Limits.Name);
        b.HasIndex(f => new { f.Entity, f.Key }).IsUnique();
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(Limits.Name);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.Property(t => t.SecretHash).HasMaxLength(64);
        b.HasIndex(t => t.Prefix).IsUnique();
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Type).HasMaxLength(64);
        b.Property(m => m.LockedBy).HasMaxLength(64);
        b.HasIndex(m => m.EventId).IsUnique();
        // Only the rows still to do, in the order workers take them: processed rows (all but a few) are not
        // in it, so a claim reads a handful of entries however long the outbox has grown, and even a plan
        // PostgreSQL made while the table was new has no other index that serves the claim.
        b.HasIndex(m => m.Id, "IX_OutboxMessages_Pending").HasFilter("\"ProcessedAt\" IS NULL");
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(Limits.Name);
        b.Property(s => s.Url).HasMaxLength(2000);
        b.Property(s => s.Secret).HasMaxLength(128);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.EventType).HasMaxLength(64);
        b.Property(d => d.LockedBy).HasMaxLength(64);
        b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(32);
        b.Property(a => a.ActorName).HasMaxLength(Limits.Name);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.CustomerId, a.At });
        b.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        b.HasIndex(a => new { a.ActorKind, a.ActorId, a.At });
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Principal).HasMaxLength(64);
        b.Property(r => r.Key).HasMaxLength(200);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.Location).HasMaxLength(500);
        b.HasIndex(r => new { r.Principal, r.Key }).IsUnique();
        b.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class CounterConfiguration : IEntityTypeConfiguration<Counter>
{
    public void Configure(EntityTypeBuilder<Counter> b)
    {
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(64);
        b.HasData(new Counter("ticket_number", 0));
    }
}
