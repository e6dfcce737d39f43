using System.Text;
using Sori.Core.Channels.Email;

namespace Sori.Core.Tests.Email;

public sealed class MboxTests
{
    private const string First = "From: 김민지 <minji@example.kr>\nTo: help@shop.kr\nSubject: =?UTF-8?B?7ZmY67aI?=\nMessage-ID: <a1@example.kr>\n" +
                                 "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nrefund please=\nnow\n";
    private const string Second = "From: Jane <jane@example.com>\nTo: help@shop.kr\nSubject: Where is my order\nMessage-ID: <b2@example.com>\n" +
                                  "Content-Type: text/plain; charset=utf-8\n\nStill waiting.\n>From my phone\n";

    private static string Mboxrd(string[] messages, string newline = "\n") =>
        string.Concat(messages.Select(m => "From MAILER-DAEMON Mon Mar  2 09:00:00 2026\n" +
            string.Join("\n", m.TrimEnd('\n').Split('\n').Select(l => l.TrimStart('>').StartsWith("From ") ? ">" + l : l)) + "\n\n"))
            .Replace("\n", newline);

    private static List<string> Read(string mbox) =>
        Mbox.Messages(new MemoryStream(Encoding.UTF8.GetBytes(mbox))).Select(Encoding.UTF8.GetString).ToList();

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void AMessage_ReadsTheSame_LastInOneFileAndInTheMiddleOfAnother(string newline)
    {
        var alone = Read(Mboxrd([First], newline));
        var before = Read(Mboxrd([First, Second], newline));
        var after = Read(Mboxrd([Second, First], newline));

        Assert.Single(alone);
        Assert.Equal(2, before.Count);
        Assert.Equal(before[0], alone[0]);
        Assert.Equal(before[0], after[1]);
        Assert.Equal(before[1], Read(Mboxrd([First, Second, First], newline))[1]);
        var text = alone[0].Replace("\r\n", "\n");
        Assert.EndsWith("now\n", text);
        Assert.False(text.EndsWith("\n\n"), "the file's closing blank line was kept with the message");
    }

    [Fact]
    public void AMessage_LastInTheFile_KeepsItsDedupeKey()
    {
        var limits = new EmailMapper.Limits(1024 * 1024, 10, 100, "ko");
        var keys = new[] { Mboxrd([First]), Mboxrd([First, Second]), Mboxrd([Second, First]) }
            .SelectMany(f => Mbox.Messages(new MemoryStream(Encoding.UTF8.GetBytes(f))))
            .Select(raw => EmailMapper.Map(raw, 1, limits))
            .Where(m => m.ExternalId == "a1@example.kr")
            .Select(m => m.DedupeKey).Distinct().ToList();
        Assert.Single(keys);
    }

    [Fact]
    public void AFile_WithoutTheClosingBlankLine_LosesNothing()
    {
        var mbox = Mboxrd([Second]).TrimEnd('\n') + "\n";
        var only = Assert.Single(Read(mbox));
        Assert.EndsWith(">From my phone\n", only);
        Assert.Equal(only, Read(Mboxrd([Second, First]))[0]);
    }
}
