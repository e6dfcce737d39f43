using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sori.Core.Common;
using Sori.Core.Tickets;

namespace Sori.Core.Conversations;

internal sealed class MessageEnvelopeConfiguration : IEntityTypeConfiguration<MessageEnvelope>
{
    public void Configure(EntityTypeBuilder<MessageEnvelope> b)
    {
        b.ToTable("MessageEnvelopes");
        b.HasKey(e => e.Id);
        b.Property(e => e.DedupeKey).HasMaxLength(100);
        b.Property(e => e.ExternalId).HasMaxLength(500);
        b.Property(e => e.InReplyTo).HasMaxLength(500);
        b.Property(e => e.References).HasMaxLength(8000);
        b.Property(e => e.FromAddress).HasMaxLength(Limits.Email);
        b.Property(e => e.FromName).HasMaxLength(Limits.Name);
        b.Property(e => e.To).HasMaxLength(4000);
        b.Property(e => e.Cc).HasMaxLength(4000);
        b.Property(e => e.ReplyTo).HasMaxLength(Limits.Email);
        b.Property(e => e.Subject).HasMaxLength(Limits.Subject);
        b.Property(e => e.Reason).HasMaxLength(2000);
        b.Property(e => e.RawSha256).HasMaxLength(64);
        b.HasIndex(e => e.DedupeKey).IsUnique();
        b.HasIndex(e => new { e.ExternalId, e.Channel }); // ids first: see InboundThreading.HeaderHits
        b.HasIndex(e => new { e.TicketId, e.Id });
        b.HasIndex(e => new { e.Disposition, e.Id });
        b.HasIndex(e => new { e.MailboxId, e.Disposition, e.Id });
        b.HasOne(e => e.Ticket).WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(e => e.Message).WithMany().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Channels.Email.Mailbox>().WithMany().HasForeignKey(e => e.MailboxId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TicketCcConfiguration : IEntityTypeConfiguration<TicketCc>
{
    public void Configure(EntityTypeBuilder<TicketCc> b)
    {
        b.ToTable("TicketCcs");
        b.HasKey(c => new { c.TicketId, c.Address });
        b.Property(c => c.Address).HasMaxLength(Limits.Email);
        b.Property(c => c.Name).HasMaxLength(Limits.Name);
        b.HasOne(c => c.Ticket).WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.Address);
    }
}

/// <summary>The conversation tables on the context, kept beside their entities.</summary>
public static class ConversationDbSets
{
    extension(Data.SoriDbContext db)
    {
        public DbSet<MessageEnvelope> MessageEnvelopes => db.Set<MessageEnvelope>();
        public DbSet<TicketCc> TicketCcs => db.Set<TicketCc>();
    }
}
