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
            yield return raw.ToArray();
        }
    }

    private static MimeMessage? Next(MimeParser parser)
    {
        try { return parser.ParseMessage(); }
        catch (FormatException) { return null; }
    }
}
