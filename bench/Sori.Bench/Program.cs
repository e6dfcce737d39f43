using System.Runtime.InteropServices;
using Sori.Bench.Cli;
using Sori.Bench.Hosting;
using Sori.Bench.Reporting;
using Sori.Bench.Scenarios;

// The baseline server is this same program re-run as a child, so it needs no project of its own.
if (args.Length > 0 && args[0] == BaselineServer.Command) return await BaselineServer.ServeAsync(args);

if (args.Length == 0 || args[0] is "--help" or "-h" or "help") { Console.WriteLine(Help.Text()); return args.Length == 0 ? 2 : 0; }
if (args[0] == "list") { foreach (var s in ScenarioRegistry.All) Console.WriteLine(s.Name); return 0; }

var scenario = ScenarioRegistry.Find(args[0]);
if (scenario is null) { Console.Error.WriteLine($"unknown scenario '{args[0]}'; try: list"); return 2; }

using var cts = new CancellationTokenSource();
// First Ctrl+C or SIGTERM: cancel, so the finally blocks stop child servers and drop databases.
// A second one exits at once, stopping the child servers by PID first.
void OnSignal(PosixSignalContext signal)
{
    if (cts.IsCancellationRequested) { ChildProcess.KillAll(); return; }
    signal.Cancel = true;
    Console.Error.WriteLine($"{signal.Signal}: cancelling…");
    cts.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

try
{
    var options = BenchOptions.Parse(args[1..], CommonOptions.All.Concat(scenario.Options));
    var root = RepoRoot.Find();
    // bench/run.sh passes its own command line so a pasted block shows what to re-run, not a throwaway port.
    var command = Environment.GetEnvironmentVariable("SORI_BENCH_COMMAND") is { Length: > 0 } given ? given
        : "dotnet run -c Release --project bench/Sori.Bench -- " + string.Join(' ', args.Select(Quote));
    var report = await scenario.RunAsync(new ScenarioContext(options, root, command, cts.Token));
    var info = RunInfo.Collect(root, command);
    var markdown = report.ToMarkdown(info);
    Console.WriteLine(report.ToText());
    Console.WriteLine("----- markdown for bench/RESULTS.md -----");
    Console.WriteLine(markdown);
    var outFile = options.String("out") ?? Path.Combine(root, "bench", "out", $"{scenario.Name}-{info.Date:yyyyMMdd-HHmmss}.md");
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
    await File.WriteAllTextAsync(outFile, markdown);
    Console.Error.WriteLine($"markdown written to {outFile}");
    return report.AnyFailed ? 1 : 0;
}
catch (UsageException e) { Console.Error.WriteLine($"error: {e.Message}\n\n{Help.Text()}"); return 2; }
catch (OperationCanceledException) when (cts.IsCancellationRequested) { Console.Error.WriteLine("cancelled"); return 130; }

// Connection strings carry ';' and spaces; quote so the printed command can be pasted back.
static string Quote(string a) => a.Any(ch => char.IsWhiteSpace(ch) || ch is ';' or '"' or '\'') ? $"\"{a.Replace("\"", "\\\"")}\"" : a;
