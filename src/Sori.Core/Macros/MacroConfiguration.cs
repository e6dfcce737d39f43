using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Macros;

internal sealed class MacroConfiguration : IEntityTypeConfiguration<Macro>
{
    public void Configure(EntityTypeBuilder<Macro> b)
    {
        b.ToTable("Macros");
        b.HasKey(m => m.Id);
        b.Property(m => m.Title).HasMaxLength(Limits.Name).IsRequired();
        b.Property(m => m.Bodies).HasConversion(new JsonMapConverter(), new JsonMapComparer()).HasColumnType("text");
        b.Property(m => m.Actions).HasConversion(new MacroActionsConverter(), new MacroActionsComparer()).HasColumnType("text");
        b.HasOne<Agents.Agent>().WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Agents.Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(m => new { m.OwnerId, m.Title });
        b.HasIndex(m => m.TeamId);
    }
}

/// <summary>A macro's actions as one JSON text column.</summary>
public sealed class MacroActionsConverter() : ValueConverter<MacroActions, string>(
    v => JsonSerializer.Serialize(v, JsonDefaults.Web),
    v => JsonSerializer.Deserialize<MacroActions>(v, JsonDefaults.Web) ?? MacroActions.None);

public sealed class MacroActionsComparer() : ValueComparer<MacroActions>(
    (a, b) => JsonSerializer.Serialize(a, JsonDefaults.Web) == JsonSerializer.Serialize(b, JsonDefaults.Web),
    v => JsonSerializer.Serialize(v, JsonDefaults.Web).GetHashCode(),
    v => v);

/// <summary>The macros table on <see cref="SoriDbContext"/>, kept beside the feature.</summary>
public static class MacroDbSets
{
    extension(SoriDbContext db)
    {
        public DbSet<Macro> Macros => db.Set<Macro>();
    }
}
