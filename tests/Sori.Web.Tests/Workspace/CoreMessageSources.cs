using System.Text;
using System.Text.RegularExpressions;

namespace Sori.Web.Tests.Workspace;

/// <summary>
/// Reads Sori.Core's source for the messages its validators and refusals are written with, turned into
/// the templates <see cref="Sori.Core.Common.ErrorText"/> makes of them at run time ("must be at most {0}
/// characters."). It looks at the call shapes messages go through: <c>v.Add(field, …)</c>,
/// <c>.When(cond, field, …)</c>, <c>ValidationException.For(field, …)</c>, <c>new ConflictException(…)</c>,
/// <c>new ForbiddenException(…)</c>, and <c>Add(field, …)</c> inside Validator.cs.
/// </summary>
public static partial class CoreMessageSources
{
    public sealed record Found(string Template, string File);

    public static IReadOnlyList<Found> Templates(string coreDirectory)
    {
        var found = new List<Found>();
        foreach (var path in Directory.EnumerateFiles(coreDirectory, "*.cs", SearchOption.AllDirectories))
        {
            if (path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            var source = File.ReadAllText(path);
            var inValidator = Path.GetFileName(path) == "Validator.cs";
            foreach (Match m in Call().Matches(source))
            {
                var name = m.Groups[1].Value;
                if (name == "Add" && !inValidator) continue;
                var args = Arguments(source, m.Index + m.Length);
                var index = name switch { ".When" => 2, "v.Add" or "Add" or "ValidationException.For" => 1, _ => 0 };
                if (args.Count <= index || (name is "v.Add" or "Add" && args.Count != 2)) continue;
                if (Template(args[index]) is { } template) found.Add(new Found(template, Path.GetRelativePath(coreDirectory, path)));
            }
        }
        return found;
    }

    /// <summary>The template of a string or interpolated string literal, as ErrorText builds it; null for anything else.</summary>
    public static string? Template(string argument)
    {
        var a = argument.Trim();
        if (!(a.StartsWith('"') || a.StartsWith("$\"", StringComparison.Ordinal))) return null;
        var interpolated = a[0] == '$';
        var (content, end) = ReadLiteral(a, interpolated ? 1 : 0, interpolated);
        if (end != a.Length) return null; // concatenation or a call on the literal
        var text = new StringBuilder();
        var hole = 0;
        foreach (var (literal, expression) in content)
        {
            if (expression is null) text.Append(literal.Replace("{", "{{").Replace("}", "}}"));
            else text.Append('{').Append(hole++).Append(Format(expression)).Append('}');
        }
        return text.ToString();
    }

    private static string Format(string expression)
    {
        var depth = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == '?' && depth == 0) return ""; // a conditional expression's colon is not a format
            else if (c == ':' && depth == 0) return ":" + expression[(i + 1)..];
        }
        return "";
    }

    /// <summary>Parts of a "…" literal (after the optional $) as (literal text, null) and ("", expression) pieces, and where it ends.</summary>
    private static (List<(string Literal, string? Expression)> Parts, int End) ReadLiteral(string s, int quote, bool interpolated)
    {
        var parts = new List<(string, string?)>();
        var text = new StringBuilder();
        var i = quote + 1;
        while (true)
        {
            var c = s[i];
            if (c == '\\')
            {
                text.Append(s[i + 1] switch { 'n' => '\n', 't' => '\t', var other => other });
                i += 2;
            }
            else if (c == '"')
            {
                parts.Add((text.ToString(), null));
                return (parts, i + 1);
            }
            else if (interpolated && c == '{' && s[i + 1] == '{') { text.Append('{'); i += 2; }
            else if (interpolated && c == '}' && s[i + 1] == '}') { text.Append('}'); i += 2; }
            else if (interpolated && c == '{')
            {
                parts.Add((text.ToString(), null));
                text.Clear();
                var depth = 1;
                var start = ++i;
                while (depth > 0)
                {
                    if (s[i] == '"') { i = ReadLiteral(s, i, false).End; continue; }
                    if (s[i] == '{') depth++;
                    else if (s[i] == '}') depth--;
                    i++;
                }
                parts.Add(("", s[start..(i - 1)]));
            }
            else { text.Append(c); i++; }
        }
    }

    /// <summary>The arguments of a call whose "(" ends just before <paramref name="start"/>, as source text.</summary>
    private static List<string> Arguments(string s, int start)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        for (var i = start; i < s.Length;)
        {
            var c = s[i];
            if (c == '"' || (c == '$' && s[i + 1] == '"'))
            {
                var end = ReadLiteral(s, c == '$' ? i + 1 : i, c == '$').End;
                current.Append(s, i, end - i);
                i = end;
                continue;
            }
            if (c == '\'')
            {
                var end = s.IndexOf('\'', s[i + 1] == '\\' ? i + 3 : i + 2) + 1;
                current.Append(s, i, end - i);
                i = end;
                continue;
            }
            if (c is '(' or '[' or '{') depth++;
            if (c is ')' or ']' or '}')
            {
                if (depth == 0) { args.Add(current.ToString().Trim()); return args; }
                depth--;
            }
            if (c == ',' && depth == 0) { args.Add(current.ToString().Trim()); current.Clear(); i++; continue; }
            current.Append(c);
            i++;
        }
        return args;
    }

    [GeneratedRegex(@"(\.When|\bv\.Add|(?<![\w.])Add|ValidationException\.For|new ConflictException|new ForbiddenException)\(")]
    private static partial Regex Call();
}
