using Sori.Core.Channels.Email;
using Sori.Core.Common;

namespace Sori.Core.Tests.Email;

public sealed class MailTemplateTests
{
    private static readonly Dictionary<string, string?> Values = new()
    {
        [MailTemplate.AgentName] = "이상담", [MailTemplate.DeskName] = "소리샵", [MailTemplate.TicketNumber] = "1042", [MailTemplate.CustomerName] = null,
    };

    [Theory]
    [InlineData("{agent.name} 드림", "이상담 드림")]
    [InlineData("{desk.name} #{ticket.number}", "소리샵 #1042")]
    [InlineData("{{agent.name}} is literal", "{agent.name} is literal")]
    [InlineData("Dear {customer.name},", "Dear ,")]
    [InlineData("  \n{agent.name}\n\n", "이상담")]
    [InlineData("{ not a placeholder }", "{ not a placeholder }")]
    public void Render_FillsPlaceholders(string template, string expected) =>
        Assert.Equal(expected, MailTemplate.Render(template, Values));

    [Fact]
    public void Check_UnknownPlaceholder_NamesTheFieldAndTheChoices()
    {
        var v = new Validator();
        MailTemplate.Check(v, "signatures.ko", "{agnet.name} 드림 {wait}", MailTemplate.SignaturePlaceholders);
        var e = Assert.Throws<ValidationException>(v.ThrowIfInvalid);
        var messages = e.Errors["signatures.ko"];
        Assert.Equal(2, messages.Length);
        Assert.Contains("uses {agnet.name}, which is not a placeholder here; use {agent.name}, {desk.name}, {ticket.number}, {customer.name}.", messages);
        Assert.Contains(messages, m => m.StartsWith("uses {wait}", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_AcknowledgementMayUseTheWait_AndLineBreaks()
    {
        var v = new Validator();
        MailTemplate.Check(v, "acknowledgements.en", "Hello {customer.name},\r\n#{ticket.number}\n{wait}\n\t{desk.name}", MailTemplate.AcknowledgementPlaceholders);
        Assert.True(v.IsValid);
    }

    [Fact]
    public void Check_TooLongOrControlCharacters_AreRefused()
    {
        var v = new Validator();
        MailTemplate.Check(v, "signatures.en", new string('x', MailLimits.Template + 1), MailTemplate.SignaturePlaceholders);
        MailTemplate.Check(v, "signatures.ko", "bell\a", MailTemplate.SignaturePlaceholders);
        var e = Assert.Throws<ValidationException>(v.ThrowIfInvalid);
        Assert.Equal(new[] { "signatures.en", "signatures.ko" }, e.Errors.Keys.Order().ToArray());
    }
}

public sealed class MailCertificateTests
{
    private const string Canonical = "C3:A6:EA:F7:48:AB:93:C6:D0:BC:79:F1:AE:E7:F3:13:4E:75:07:2A:1F:0D:5A:A4:4F:A4:59:37:30:F3:93:A7";

    [Theory]
    [InlineData(Canonical)]
    [InlineData("c3:a6:ea:f7:48:ab:93:c6:d0:bc:79:f1:ae:e7:f3:13:4e:75:07:2a:1f:0d:5a:a4:4f:a4:59:37:30:f3:93:a7")]
    [InlineData("sha256 Fingerprint=C3:A6:EA:F7:48:AB:93:C6:D0:BC:79:F1:AE:E7:F3:13:4E:75:07:2A:1F:0D:5A:A4:4F:A4:59:37:30:F3:93:A7")]
    [InlineData("SHA256:c3a6eaf748ab93c6d0bc79f1aee7f3134e75072a1f0d5aa44fa4593730f393a7")]
    [InlineData("  C3 A6 EA F7 48 AB 93 C6 D0 BC 79 F1 AE E7 F3 13 4E 75 07 2A 1F 0D 5A A4 4F A4 59 37 30 F3 93 A7 ")]
    public void TryNormalize_AnyCommonSpelling_GivesColonHex(string input)
    {
        Assert.True(MailCertificate.TryNormalize(input, out var fingerprint));
        Assert.Equal(Canonical, fingerprint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("C3:A6:EA")] // too short (a SHA-1 would be 20 bytes: also refused)
    [InlineData("DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09")]
    [InlineData("ZZ:A6:EA:F7:48:AB:93:C6:D0:BC:79:F1:AE:E7:F3:13:4E:75:07:2A:1F:0D:5A:A4:4F:A4:59:37:30:F3:93:A7")]
    public void TryNormalize_NotASha256_IsFalse(string input) => Assert.False(MailCertificate.TryNormalize(input, out _));

    [Fact]
    public void Fingerprint_IsTheSha256OfTheDerBytes() =>
        Assert.Equal("E3:B0:C4:42:98:FC:1C:14:9A:FB:F4:C8:99:6F:B9:24:27:AE:41:E4:64:9B:93:4C:A4:95:99:1B:78:52:B8:55", MailCertificate.Fingerprint([]));
}
