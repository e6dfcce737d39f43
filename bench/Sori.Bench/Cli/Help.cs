using System.Text;
using Sori.Bench.Scenarios;

namespace Sori.Bench.Cli;

public static class Help
{
    public static string Text()
    {
        var sb = new StringBuilder();
        sb.AppendLine("Sori.Bench: named benchmark scenarios, each measured next to a baseline in the same run.");
        sb.AppendLine();
        sb.AppendLine("usage: dotnet run -c Release --project bench/Sori.Bench -- <scenario> [options]");
        sb.AppendLine("       ... -- list          scenario names");
        sb.AppendLine("       ... -- --help        this text");
        sb.AppendLine("       bench/run.sh <scenario> [options]   the same on SQLite and a throwaway PostgreSQL");
        sb.AppendLine();
        sb.AppendLine("scenarios:");
        foreach (var s in ScenarioRegistry.All) sb.AppendLine($"  {s.Name,-16} {s.Description}");
        sb.AppendLine();
        sb.AppendLine("options for every scenario:");
        Append(sb, CommonOptions.All);
        foreach (var s in ScenarioRegistry.All.Where(s => s.Options.Count > 0))
        {
            sb.AppendLine().AppendLine($"options for {s.Name}:");
            Append(sb, s.Options);
        }
        sb.AppendLine().Append("exit code: 0 all targets met, 1 a target failed, 2 usage error, 130 cancelled.");
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, IEnumerable<OptionSpec> specs)
    {
        foreach (var o in specs)
        {
            var name = o.Value is null ? $"--{o.Name}" : $"--{o.Name} {o.Value}";
            sb.AppendLine($"  {name,-22} {o.Help}{(o.Default is null ? "" : $" (default: {o.Default})")}");
        }
    }
}
