using System.Text;
using MimeKit;
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

    /// <summary>
    /// Mail for warming Sori up without touching the measured set: the shared corpus under other
    /// Message-IDs (so its charsets, HTML and attachments take their code paths before the measured
    /// window, yet none of the measured messages becomes a duplicate), then generated mail from other senders.
    /// </summary>
    public static List<CorpusMessage> WarmUp(string repoRoot, int count, int seed, string to)
    {
        var tag = $"warm-up-{seed}";
        var renamed = Shared(repoRoot).Select(raw => Renamed(raw, tag)).OfType<byte[]>();
        var generated = new SyntheticMail(seed, to, "warmup.example.com").Generate(count, senders: 100, replyShare: 0.2).Select(m => m.Raw);
        return renamed.Concat(generated).Select(raw => new CorpusMessage(raw, null, [])).ToList();
    }

    /// <summary>
    /// The message with its own and its answered Message-IDs prefixed by <paramref name="tag"/>, and a header
    /// naming the warm-up (a message without a Message-ID is deduplicated by its bytes); null when MimeKit
    /// cannot rewrite a message that has a Message-ID, which would then count as a duplicate later.
    /// </summary>
    private static byte[]? Renamed(byte[] raw, string tag)
    {
        try
        {
            var message = MimeMessage.Load(new MemoryStream(raw));
            if (message.MessageId is { Length: > 0 } id) message.MessageId = $"{tag}.{id}";
            if (message.InReplyTo is { Length: > 0 } answered) message.InReplyTo = $"{tag}.{answered}";
            var references = message.References.ToList();
            message.References.Clear();
            foreach (var r in references) message.References.Add($"{tag}.{r}");
            message.Headers.Add("X-Sori-Warm-Up", tag);
            using var stream = new MemoryStream();
            message.WriteTo(stream);
            return stream.ToArray();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or ParseException)
        {
            return EmailMapper.ThreadIds(raw).MessageId is null ? [.. Encoding.ASCII.GetBytes($"X-Sori-Warm-Up: {tag}\r\n"), .. raw] : null;
        }
    }

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
