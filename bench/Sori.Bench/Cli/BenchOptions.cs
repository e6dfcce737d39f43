using System.Globalization;

namespace Sori.Bench.Cli;

/// <summary>
/// "--name value" and "--flag" pairs, checked against the specs a scenario declares so a typo
/// fails loudly instead of silently measuring the defaults.
/// </summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, List<string?>> _values = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Raw { get; }

    private BenchOptions(IReadOnlyList<string> raw) => Raw = raw;

    public static BenchOptions Parse(IReadOnlyList<string> args, IEnumerable<OptionSpec> specs)
    {
        var known = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var options = new BenchOptions(args);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new UsageException($"unexpected argument '{arg}'");
            var name = arg[2..];
            string? inline = null;
            if (name.IndexOf('=') is var eq and > 0) (name, inline) = (name[..eq], name[(eq + 1)..]);
            if (!known.TryGetValue(name, out var spec)) throw new UsageException($"unknown option '--{name}'");
            var value = spec.Value is null ? null
                : inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs {spec.Value}"));
            if (!options._values.TryGetValue(name, out var list)) options._values[name] = list = [];
            list.Add(value);
        }
        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The last value given, so a later option overrides an earlier one (handy after a script's defaults).</summary>
    public string? String(string name) => _values.GetValueOrDefault(name)?[^1];

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Strings(string name) => _values.GetValueOrDefault(name)?.OfType<string>().ToList() ?? [];

    public int Int(string name, int fallback) => String(name) is { } s
        ? int.TryParse(s, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new UsageException($"--{name} must be a positive integer")
        : fallback;

    public double Seconds(string name, double fallback) => String(name) is { } s
        ? double.TryParse(s, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new UsageException($"--{name} must be a number of seconds")
        : fallback;

    public IReadOnlyList<int> IntList(string name, IReadOnlyList<int> fallback) => String(name) is { } s
        ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new UsageException($"--{name}: '{p}' is not a positive integer"))
            .ToList()
        : fallback;
}

public sealed class UsageException(string message) : Exception(message);
