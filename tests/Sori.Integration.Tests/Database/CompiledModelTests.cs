using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Sori.Core.Data;
using Sori.Infrastructure.Database;
using Sori.Testing;

namespace Sori.Integration.Tests.Database;

public sealed class CompiledModelTests_Sqlite(SqliteDatabase db) : CompiledModelTests(db), IClassFixture<SqliteDatabase>;
public sealed class CompiledModelTests_Postgres(PostgresDatabase db) : CompiledModelTests(db), IClassFixture<PostgresDatabase>;

/// <summary>
/// Sori starts on a generated model (ADR-005). If an entity or its configuration changes without
/// `dotnet run --project tools/Sori.MigrationTool -- optimize`, the generated model no longer matches
/// the one OnModelCreating builds, and this fails naming the difference.
/// </summary>
public abstract class CompiledModelTests(TestDatabase database)
{
    [Fact]
    public void CompiledModel_MatchesTheModelBuiltFromTheConfiguration()
    {
        using var compiled = Context(compiledModel: true);
        using var built = Context(compiledModel: false);
        Assert.IsAssignableFrom<RuntimeModel>(compiled.Model);

        var differ = built.GetService<IMigrationsModelDiffer>();
        var builtModel = built.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var compiledModel = compiled.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var differences = differ.GetDifferences(compiledModel, builtModel);
        Assert.True(differences.Count == 0,
            "The compiled model is out of date; run `dotnet run --project tools/Sori.MigrationTool -- optimize`. Differences: "
            + string.Join("; ", differences.Select(d => d.GetType().Name + " " + Describe(d))));

        // Columns as the database sees them, and how each property gets there (converter, provider type).
        Assert.Equal(Shape(built.Model), Shape(compiled.Model));
    }

    [Fact]
    public void Migrations_CoverTheModel()
    {
        // Start-up does not run EF's own check (it diffs the model on every Migrate); this is that check.
        using var built = Context(compiledModel: false);
        Assert.False(built.Database.HasPendingModelChanges(),
            "The model has changes no migration covers; add one with `dotnet run --project tools/Sori.MigrationTool -- add <Name>`.");
    }

    private static List<string> Shape(IModel model) => model.GetEntityTypes()
        .SelectMany(t => t.GetProperties().Select(p =>
            $"{t.Name}.{p.Name}: {p.ClrType.Name} → {p.GetColumnName()} {p.GetColumnType()} (provider {p.GetTypeMapping().Converter?.ProviderClrType.Name ?? "-"}, max {p.GetMaxLength()}, null {p.IsNullable})"))
        .Order().ToList();

    private SoriDbContext Context(bool compiledModel)
    {
        var options = new DbContextOptionsBuilder<SoriDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, database.Provider, database.ConnectionString, compiledModel: compiledModel);
        return new SoriDbContext(options.Options);
    }

    private static string Describe(Microsoft.EntityFrameworkCore.Migrations.Operations.MigrationOperation op) => op switch
    {
        Microsoft.EntityFrameworkCore.Migrations.Operations.ColumnOperation c => $"{c.Table}.{c.Name}",
        Microsoft.EntityFrameworkCore.Migrations.Operations.TableOperation t => t.Name,
        Microsoft.EntityFrameworkCore.Migrations.Operations.CreateIndexOperation i => $"{i.Table}.{i.Name}",
        Microsoft.EntityFrameworkCore.Migrations.Operations.DropIndexOperation i => $"{i.Table}.{i.Name}",
        _ => "",
    };
}
