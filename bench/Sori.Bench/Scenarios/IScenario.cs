using Sori.Bench.Cli;
using Sori.Bench.Reporting;

namespace Sori.Bench.Scenarios;

/// <summary>
/// A named benchmark. It measures its subject and a baseline in the same run and returns both,
/// because on a shared 2-core machine only ratios are comparable between days.
/// </summary>
public interface IScenario
{
    string Name { get; }
    string Description { get; }

    /// <summary>Options beyond <see cref="CommonOptions.All"/>.</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    Task<Report> RunAsync(ScenarioContext context);
}

public sealed record ScenarioContext(BenchOptions Options, string RepoRoot, string CommandLine, CancellationToken Cancel)
{
    /// <summary>Progress goes to stderr so stdout holds only the results.</summary>
    public void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
