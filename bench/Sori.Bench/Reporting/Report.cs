using System.Text;

namespace Sori.Bench.Reporting;

/// <summary>A target and whether it was met; <see cref="Pass"/> is null when it could not be measured.</summary>
public sealed record Check(string Name, string Target, string Actual, bool? Pass)
{
    public string Verdict => Pass switch { true => "PASS", false => "FAIL", null => "n/a" };
}

public sealed class ReportSection(string heading)
{
    public string Heading { get; } = heading;
    public Table? Table { get; set; }
    public List<string> Lines { get; } = [];
}

/// <summary>What a scenario found, independent of how it is printed.</summary>
public sealed class Report(string scenario)
{
    public string Scenario { get; } = scenario;
    public List<ReportSection> Sections { get; } = [];
    public List<Check> Checks { get; } = [];
    public List<string> Notes { get; } = [];

    public ReportSection Section(string heading)
    {
        var section = new ReportSection(heading);
        Sections.Add(section);
        return section;
    }

    public bool AnyFailed => Checks.Any(c => c.Pass == false);

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine().AppendLine($"=== {Scenario} ===");
        foreach (var s in Sections)
        {
            sb.AppendLine().AppendLine(s.Heading);
            if (s.Table is not null) sb.Append(s.Table.ToText());
            foreach (var line in s.Lines) sb.AppendLine("  " + line);
        }
        if (Checks.Count > 0) sb.AppendLine().AppendLine("Targets").Append(ChecksTable().ToText());
        foreach (var n in Notes) sb.AppendLine().AppendLine("Note: " + n);
        return sb.ToString();
    }

    public string ToMarkdown(RunInfo info)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"## {Scenario} — {info.Date:yyyy-MM-dd}").AppendLine();
        sb.AppendLine("```sh").AppendLine(info.Command).AppendLine("```").AppendLine();
        sb.AppendLine($"Machine: {info.Machine}. Sori commit `{info.Commit}`.").AppendLine();
        foreach (var s in Sections)
        {
            sb.AppendLine($"### {s.Heading}").AppendLine();
            if (s.Table is not null) sb.Append(s.Table.ToMarkdown()).AppendLine();
            foreach (var line in s.Lines) sb.AppendLine("- " + line);
            if (s.Lines.Count > 0) sb.AppendLine();
        }
        if (Checks.Count > 0) sb.AppendLine("### Targets").AppendLine().Append(ChecksTable().ToMarkdown()).AppendLine();
        foreach (var n in Notes) sb.AppendLine($"> {n}").AppendLine();
        return sb.ToString();
    }

    private Table ChecksTable()
    {
        var t = new Table("target", "wanted", "measured", "result");
        foreach (var c in Checks) t.Add(c.Name, c.Target, c.Actual, c.Verdict);
        return t;
    }
}
