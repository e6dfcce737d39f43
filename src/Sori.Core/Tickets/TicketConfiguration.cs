using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Tickets;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.HasKey(t => t.Id);
        b.HasIndex(t => t.Number).IsUnique();
        b.Property(t => t.Subject).HasMaxLength(Limits.Subject).IsRequired();
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Property(t => t.CustomFields).HasConversion(new JsonMapConverter(), new JsonMapComparer()).HasColumnType("text");
        b.HasOne(t => t.Requester).WithMany().HasForeignKey(t => t.RequesterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agents.Agent>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Agents.Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Ticket>().WithMany().HasForeignKey(t => t.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Tags).WithOne().HasForeignKey(t => t.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Followers).WithOne().HasForeignKey(f => f.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Events).WithOne().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(t => t.PendingDomainEvents);

        // Every list filter has an index ending in Id, so keyset pages walk an index backwards.
        b.HasIndex(t => new { t.Status, t.Id });
        b.HasIndex(t => new { t.AssigneeId, t.Status, t.Id });
        b.HasIndex(t => new { t.TeamId, t.Status, t.Id });
        b.HasIndex(t => new { t.RequesterId, t.Id });
        b.HasIndex(t => new { t.Priority, t.Id });
        b.HasIndex(t => new { t.Channel, t.Id });
        b.HasIndex(t => new { t.UpdatedAt, t.Id });
    }
}

internal sealed class TicketTagConfiguration : IEntityTypeConfiguration<TicketTag>
{
    public void Configure(EntityTypeBuilder<TicketTag> b)
    {
        b.HasKey(t => new { t.TicketId, t.Name });
        b.Property(t => t.Name).HasMaxLength(Limits.Tag);
        b.HasIndex(t => new { t.Name, t.TicketId });
    }
}

internal sealed class TicketFollowerConfiguration : IEntityTypeConfiguration<TicketFollower>
{
    public void Configure(EntityTypeBuilder<TicketFollower> b)
    {
        b.HasKey(f => new { f.TicketId, f.AgentId });
        b.HasOne<Agents.Agent>().WithMany().HasForeignKey(f => f.AgentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Kind).HasMaxLength(40);
        b.Property(e => e.Field).HasMaxLength(80);
        b.Property(e => e.ActorName).HasMaxLength(Limits.Name);
        b.HasIndex(e => new { e.TicketId, e.Id });
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.AuthorName).HasMaxLength(Limits.Name);
        b.Property(m => m.ExternalId).HasMaxLength(500);
        b.HasIndex(m => new { m.TicketId, m.Id });
        b.HasIndex(m => new { m.Channel, m.ExternalId }).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        b.HasOne(m => m.AuthorCustomer).WithMany().HasForeignKey(m => m.AuthorCustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agents.Agent>().WithMany().HasForeignKey(m => m.AuthorAgentId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(127);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.Property(a => a.ContentId).HasMaxLength(250);
        b.HasIndex(a => a.Sha256);
        b.HasIndex(a => new { a.MessageId, a.CreatedAt });
    }
}
