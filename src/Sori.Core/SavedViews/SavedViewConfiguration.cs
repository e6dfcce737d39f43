using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Sori.Core.Data;

namespace Sori.Core.SavedViews;

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public const int NameMaxLength = 100;

    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.ToTable("SavedViews");
        b.HasKey(v => v.Id);
        b.Property(v => v.Name).HasMaxLength(NameMaxLength).IsRequired();
        b.Property(v => v.Filters).HasConversion(new SavedViewFiltersConverter(), new SavedViewFiltersComparer()).HasColumnType("text");
        b.HasOne<Agents.Agent>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Agents.Team>().WithMany().HasForeignKey(v => v.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(v => new { v.OwnerId, v.Position });
    }
}

/// <summary>A view's filters as one JSON text column; nobody queries by them.</summary>
public sealed class SavedViewFiltersConverter() : ValueConverter<SavedViewFilters, string>(
    v => JsonSerializer.Serialize(v, JsonDefaults.Web),
    v => JsonSerializer.Deserialize<SavedViewFilters>(v, JsonDefaults.Web) ?? new SavedViewFilters());

public sealed class SavedViewFiltersComparer() : ValueComparer<SavedViewFilters>(
    (a, b) => JsonSerializer.Serialize(a, JsonDefaults.Web) == JsonSerializer.Serialize(b, JsonDefaults.Web),
    v => JsonSerializer.Serialize(v, JsonDefaults.Web).GetHashCode(),
    v => v);

public static class SavedViewDbSets
{
    extension(SoriDbContext db)
    {
        public DbSet<SavedView> SavedViews => db.Set<SavedView>();
    }
}
