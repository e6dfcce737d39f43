using Sori.Bench.Cli;
using Sori.Bench.Hosting;
using Sori.Infrastructure.Database;

namespace Sori.Bench.Scenarios.TicketCreate;

public sealed record TicketCreateSettings(
    int Runs, TimeSpan Warmup, TimeSpan Duration, IReadOnlyList<int> Concurrency, TimeSpan Idle, TimeSpan Prime,
    IReadOnlyList<DatabaseProvider> Providers, string? Postgres, bool Build, string SoriDll,
    IReadOnlyDictionary<string, string> SoriEnv, bool SoriInDataDirectory)
{
    public static readonly OptionSpec PostgresOption = new("postgres", "CONN", "PostgreSQL server connection string; a fresh database is created and dropped per run");
    public static readonly OptionSpec ProviderOption = new("provider", "NAME", "sqlite, postgres or both", "sqlite, and postgres when --postgres is given");
    public static readonly OptionSpec NoBuildOption = new("no-build", null, $"do not build Sori; expect {SoriServer.Dll} to be built already");
    public static readonly OptionSpec SoriOption = new("sori", "PATH", "run this sori.dll instead (implies --no-build)", SoriServer.Dll);
    public static readonly OptionSpec IdleOption = new("idle", "SECONDS", "idle time after start-up before reading the idle RSS", "5");

    public static readonly OptionSpec PrimeOption = new("prime", "SECONDS", "at most this much unrecorded load at the top concurrency per server process, until its JIT thread is idle; 0 skips", "180");
    public static readonly OptionSpec SoriCwdOption = new("sori-cwd", "data|app",
        "Sori's working directory (= content root): the data directory, as with the default ./data layout, or sori.dll's folder", "data");
    public static readonly OptionSpec SoriEnvOption = new("sori-env", "KEY=VALUE", "extra environment for Sori, repeatable (e.g. DOTNET_gcServer=0 to try a setting)");

    public static readonly IReadOnlyList<OptionSpec> Specs = [PostgresOption, ProviderOption, NoBuildOption, SoriOption, IdleOption, PrimeOption, SoriCwdOption, SoriEnvOption];

    public static TicketCreateSettings From(BenchOptions o, string repoRoot)
    {
        var postgres = o.String("postgres");
        var providers = o.String("provider") switch
        {
            null => postgres is null ? [DatabaseProvider.Sqlite] : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
            "sqlite" => [DatabaseProvider.Sqlite],
            "postgres" => [DatabaseProvider.Postgres],
            "both" => new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres },
            var other => throw new UsageException($"--provider: '{other}' is not sqlite, postgres or both"),
        };
        if (providers.Contains(DatabaseProvider.Postgres) && postgres is null) throw new UsageException("--provider postgres needs --postgres CONN");
        var dll = o.String("sori") is { } custom ? Path.GetFullPath(custom) : Path.Combine(repoRoot, SoriServer.Dll);
        return new TicketCreateSettings(
            o.Int("runs", 3), TimeSpan.FromSeconds(o.Seconds("warmup", 3)), TimeSpan.FromSeconds(o.Seconds("duration", 10)),
            o.IntList("concurrency", [1, 8, 32]), TimeSpan.FromSeconds(o.Seconds("idle", 5)), TimeSpan.FromSeconds(o.Seconds("prime", 180)),
            providers, postgres, Build: !o.Has("no-build") && !o.Has("sori"), dll,
            o.Strings("sori-env").Select(kv => kv.Split('=', 2) is [var k, var v] && k.Length > 0 ? (k, v) : throw new UsageException($"--sori-env: '{kv}' is not KEY=VALUE"))
             .ToDictionary(p => p.k, p => p.v),
            o.String("sori-cwd") switch { null or "data" => true, "app" => false, var x => throw new UsageException($"--sori-cwd: '{x}' is not data or app") });
    }
}
