using System.Net;
using System.Text;
using MimeKit;
using Sori.Core.Conversations;
using Sori.Core.Tickets;

namespace Sori.Core.Channels.Email;

/// <summary>A file of the reply, opened from the attachment store when the mail is built.</summary>
public sealed record ReplyFile(string FileName, string ContentType, string? ContentId, Func<Stream?> Open);

/// <summary>
/// Builds the MIME message of a queued reply from its envelope: the fixed Message-ID, In-Reply-To and
/// References, the subject with its ticket token, text and HTML alternatives, and the files. Built
/// again for every attempt, the same bytes but for the Date header.
/// </summary>
public static class ReplyMail
{
    public static MimeMessage Build(MessageEnvelope envelope, Message reply, IReadOnlyList<ReplyFile> files, DateTimeOffset date, bool automatic = false)
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress(envelope.FromName ?? "", envelope.FromAddress
            ?? throw new InvalidOperationException($"Outbound envelope {envelope.Id} has no sender address.")));
        foreach (var a in Split(envelope.To)) m.To.Add(MailboxAddress.Parse(a));
        foreach (var a in Split(envelope.Cc)) m.Cc.Add(MailboxAddress.Parse(a));
        m.Subject = envelope.Subject;
        m.MessageId = envelope.ExternalId ?? throw new InvalidOperationException($"Outbound envelope {envelope.Id} has no Message-ID.");
        m.Date = date;
        if (envelope.InReplyTo is { } irt) m.InReplyTo = irt;
        foreach (var r in (envelope.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)) m.References.Add(r);
        // Marks mail from this desk, so that a copy coming back (a forward to our own address) is seen as a loop.
        m.Headers.Add("X-Loop", "sori " + envelope.FromAddress);
        // RFC 3834: mail Sori sends on its own; vacation responders and other desks must not answer it.
        if (automatic) m.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");

        var text = reply.BodyText;
        var html = reply.BodyHtml ?? TextToHtml(reply.BodyText);
        if (envelope.Signature is { Length: > 0 } signature)
        {
            text = text.TrimEnd() + "\n\n" + signature;
            html += "<div class=\"sori-signature\" style=\"margin-top:1em\">" + Lines(signature) + "</div>";
        }
        var body = new BodyBuilder { TextBody = text, HtmlBody = html };
        foreach (var f in files)
        {
            using var stream = f.Open();
            if (stream is null) throw new FileNotFoundException($"The attachment \"{f.FileName}\" is missing from the attachment store.");
            var part = f.ContentId is null
                ? body.Attachments.Add(f.FileName, stream, ContentType.Parse(f.ContentType))
                : body.LinkedResources.Add(f.FileName, stream, ContentType.Parse(f.ContentType));
            if (f.ContentId is not null) part.ContentId = f.ContentId;
        }
        m.Body = body.ToMessageBody();
        return m;
    }

    /// <summary>Plain text as HTML: escaped, paragraphs and line breaks kept.</summary>
    public static string TextToHtml(string text) => "<div>" + Lines(text) + "</div>";

    private static string Lines(string text)
    {
        var sb = new StringBuilder();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
            sb.Append(WebUtility.HtmlEncode(line)).Append("<br>");
        return sb.ToString();
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
