namespace Sori.Web.Cli;

/// <summary>"verb --name value" parsing; anything of the form --Section:Key=value is left for configuration.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    public string? Verb { get; private set; }
    /// <summary>Positional arguments after the verb, for commands that take them (<paramref name="positionals"/> in Parse).</summary>
    public List<string> Arguments { get; } = [];
    public string[] Rest { get; private set; } = [];

    public static Options Parse(IEnumerable<string> args, int positionals = 1)
    {
        var o = new Options();
        var rest = new List<string>();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && (a.Contains(':') || a.Contains('=')))
                rest.Add(a);
            else if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= list.Count) throw new UsageException($"{a} needs a value.");
                o._values[a[2..]] = list[++i];
            }
            else if (o.Verb is null) o.Verb = a;
            else if (o.Arguments.Count + 1 < positionals) o.Arguments.Add(a);
            else throw new UsageException($"unexpected argument '{a}'.");
        }
        o.Rest = rest.ToArray();
        return o;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Get(name) is { Length: > 0 } v ? v : throw new UsageException($"--{name} is required.");

    public int? Int(string name) => Get(name) is { } v
        ? int.TryParse(v, out var n) && n >= 0 ? n : throw new UsageException($"--{name} must be a whole number.")
        : null;
}
