// Adds a migration to every provider's migrations assembly in one go:
//   dotnet run --project tools/Sori.MigrationTool -- add <Name>
//   dotnet run --project tools/Sori.MigrationTool -- remove   (drops the newest, unapplied migration)
//   dotnet run --project tools/Sori.MigrationTool -- baseline (after add/remove: the script an empty database starts from)
//   dotnet run --project tools/Sori.MigrationTool -- optimize (after add/remove: the compiled model)
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Data;
using Sori.Infrastructure.Database;

if (args.Length < 1 || args[0] is not ("add" or "remove" or "optimize" or "baseline") || (args[0] == "add" && args.Length < 2))
{
    Console.Error.WriteLine("usage: add <MigrationName> | remove | baseline | optimize [<outputRoot>]");
    return 2;
}

var root = FindRoot();
foreach (var (provider, project, designServices, connection) in new (DatabaseProvider, string, IDesignTimeServices, string)[]
{
    (DatabaseProvider.Sqlite, "Sori.Migrations.Sqlite", new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices(), "Data Source=:memory:"),
    (DatabaseProvider.Postgres, "Sori.Migrations.Postgres", new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices(), "Host=127.0.0.1;Database=design"),
})
{
    var options = new DbContextOptionsBuilder<SoriDbContext>();
    DatabaseServiceCollectionExtensions.Configure(options, provider, connection, compiledModel: false);
    await using var db = new SoriDbContext(options.Options);

    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(db);
    designServices.ConfigureDesignTimeServices(services);
    var design = services.BuildServiceProvider();
    var scaffolder = design.GetRequiredService<IMigrationsScaffolder>();
    var projectDir = Path.Combine(root, "src", project);

    if (args[0] == "optimize")
    {
        // The compiled model (see ADR-005): regenerate after every model change, with the migration.
        var outputDir = Path.Combine(args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(root, "src"), project, "CompiledModel");
        if (Directory.Exists(outputDir)) Directory.Delete(outputDir, recursive: true);
        var files = design.GetRequiredService<Microsoft.EntityFrameworkCore.Scaffolding.ICompiledModelScaffolder>().ScaffoldModel(
            db.GetService<IDesignTimeModel>().Model, outputDir,
            new Microsoft.EntityFrameworkCore.Scaffolding.CompiledModelCodeGenerationOptions
            {
                ContextType = typeof(SoriDbContext), ModelNamespace = project + ".CompiledModel", Language = "C#", UseNullableReferenceTypes = true,
            });
        Console.WriteLine($"{provider}: {files.Count} files in {outputDir}");
    }
    else if (args[0] == "baseline")
    {
        // The whole chain of compiled migrations as one script (see ADR-015 and MigrationBaseline).
        var path = Path.Combine(projectDir, "Migrations", MigrationBaseline.FileName);
        await File.WriteAllTextAsync(path, MigrationBaseline.Generate(db));
        Console.WriteLine($"{provider}: {path}");
    }
    else if (args[0] == "add")
    {
        var migration = scaffolder.ScaffoldMigration(args[1], project, "Migrations", "C#");
        var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations"));
        Console.WriteLine($"{provider}: {files.MigrationFile}");
        if (provider == DatabaseProvider.Postgres) Console.WriteLine("next: `-- baseline` and `-- optimize`, which compile the new migration");
    }
    else
    {
        var files = scaffolder.RemoveMigration(projectDir, project, force: true, "C#");
        Console.WriteLine($"{provider}: removed, snapshot {files.SnapshotFile}");
    }
}
return 0;

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sori.slnx"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the Sori checkout.");
}
