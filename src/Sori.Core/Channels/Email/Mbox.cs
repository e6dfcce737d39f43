using MimeKit;

namespace Sori.Core.Channels.Email;

/// <summary>Reads the messages of an mbox file (mboxo, mboxrd, and mboxcl with Content-Length), one raw message at a time.</summary>
public static class Mbox
{
    public static bool LooksLikeMbox(ReadOnlySpan<byte> head) => head.StartsWith("From "u8);

    public static IEnumerable<byte[]> Messages(Stream stream)
    {
        var parser = new MimeParser(new ParserOptions { RespectContentLength = true }, stream, MimeFormat.Mbox);
        while (!parser.IsEndOfStream)
        {
            var message = Next(parser);
            if (message is null) yield break;
            using var raw = new MemoryStream();
            message.WriteTo(raw);
            yield return parser.IsEndOfStream ? WithoutSeparator(raw.ToArray()) : raw.ToArray();
        }
    }

    /// <summary>
    /// The blank line that ends each message of an mbox belongs to the file, not to the message: the parser
    /// drops it before the next "From " line, and this drops it after the last message too. Otherwise the last
    /// message of a file would differ by a line break from the same message anywhere else (in the middle of
    /// another export, over IMAP), and its dedupe key with it: imported twice, it would be stored twice.
    /// </summary>
    internal static byte[] WithoutSeparator(byte[] raw)
    {
        var s = raw.AsSpan();
        if (s.EndsWith("\r\n\r\n"u8)) return raw[..^2];
        if (s.EndsWith("\n\n"u8)) return raw[..^1];
        return raw;
    }

    private static MimeMessage? Next(MimeParser parser)
    {
        try { return parser.ParseMessage(); }
        catch (FormatException) { return null; }
    }
}
