namespace Sori.Bench.Cli;

/// <summary>One documented option; <paramref name="Value"/> is null for a flag.</summary>
public sealed record OptionSpec(string Name, string? Value, string Help, string? Default = null);

/// <summary>Options every measuring scenario understands.</summary>
public static class CommonOptions
{
    public static readonly OptionSpec Runs = new("runs", "N", "repeat the whole measurement N times and report medians", "3");
    public static readonly OptionSpec Warmup = new("warmup", "SECONDS", "load before each measured window, not recorded", "3");
    public static readonly OptionSpec Duration = new("duration", "SECONDS", "measured window per concurrency level", "10");
    public static readonly OptionSpec Concurrency = new("concurrency", "LIST", "closed-loop workers, comma-separated", "1,8,32");
    public static readonly OptionSpec Out = new("out", "FILE", "also write the markdown block to FILE", "bench/out/<scenario>-<time>.md");

    public static readonly IReadOnlyList<OptionSpec> All = [Runs, Warmup, Duration, Concurrency, Out];
}
