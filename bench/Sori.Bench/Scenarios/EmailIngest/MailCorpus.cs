using Sori.Core.Channels.Email;
using Sori.Testing;

namespace Sori.Bench.Scenarios.EmailIngest;

/// <summary>One message to feed: its raw MIME, and the Message-IDs it answers (it is sent only after those were answered).</summary>
public sealed record CorpusMessage(byte[] Raw, string? MessageId, IReadOnlyList<string> Answers);

/// <summary>
/// The messages a run ingests: every message of the shared corpus (../shared/data/email: real-world
/// mail in many charsets, malformed and spam included), then generated Korean/English customer mail
/// with conversations (<see cref="SyntheticMail"/>) up to the requested count.
/// </summary>
public static class MailCorpus
{
    public static List<CorpusMessage> Build(string repoRoot, int count, int seed, string to)
    {
        var shared = Shared(repoRoot).ToList();
        var generated = new SyntheticMail(seed, to).Generate(Math.Max(0, count - shared.Count), senders: Math.Max(50, count / 6), replyShare: 0.2)
            .Select(m => m.Raw);
        return shared.Concat(generated).Take(count).Select(raw =>
        {
            var (id, answers) = EmailMapper.ThreadIds(raw);
            return new CorpusMessage(raw, id, answers);
        }).ToList();
    }

    /// <summary>Generated mail only, from other senders: for warming Sori up without touching the measured set.</summary>
    public static List<CorpusMessage> WarmUp(int count, int seed, string to) =>
        new SyntheticMail(seed, to, "warmup.example.com").Generate(count, senders: 100, replyShare: 0.2)
            .Select(m => new CorpusMessage(m.Raw, null, [])).ToList();

    public static IEnumerable<byte[]> Shared(string repoRoot)
    {
        var dir = Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "data", "email"));
        if (!Directory.Exists(dir)) yield break;
        foreach (var path in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (file.StartsWith("LICENSE", StringComparison.Ordinal) || file is "NOTICE" or "README" or "README.md") continue;
            var bytes = File.ReadAllBytes(path);
            if (Mbox.LooksLikeMbox(bytes)) foreach (var raw in Mbox.Messages(new MemoryStream(bytes))) yield return raw;
            else yield return bytes;
        }
    }
}
