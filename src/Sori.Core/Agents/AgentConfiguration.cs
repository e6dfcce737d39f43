using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sori.Core.Common;

namespace Sori.Core.Agents;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> b)
    {
        b.Property(a => a.DisplayName).HasMaxLength(Limits.Name);
        b.Property(a => a.Language).HasMaxLength(Limits.Language);
        b.Property(a => a.TimeZone).HasMaxLength(Limits.TimeZone);
        b.Property(a => a.Role).HasMaxLength(16);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(Limits.Name);
        b.HasIndex(t => t.Name).IsUnique();
        b.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.HasKey(m => new { m.TeamId, m.AgentId });
        b.HasOne<Agent>().WithMany().HasForeignKey(m => m.AgentId).OnDelete(DeleteBehavior.Cascade);
    }
}
