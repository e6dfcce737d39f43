using System.Text;
using Sori.Core.Channels.Email;
using Sori.Testing;

namespace Sori.Core.Tests.Email;

public sealed class EmailMapperTests
{
    [Theory]
    [InlineData("ks_c_5601-1987.eml", "환불 문의 (똠방각하)", "김민지", "똠방각하 햏 같은 글자도 깨지지 않아야 합니다.")]
    [InlineData("iso-2022-kr.eml", "배송 문의", "이서준", "언제 도착하나요?")]
    [InlineData("raw-8bit-euc-kr.eml", "교환 요청", "박지훈", "사이즈가 맞지 않아 교환하고 싶습니다.")]
    [InlineData("wrong-charset-utf8.eml", "결제 오류", null, "카드 결제가 두 번 되었어요.")]
    [InlineData("euc-kr-with-cp949-syllables.eml", "똠 문의", "정햏", "똠방각하 햏 문의")]
    public void Map_KoreanFixtures_DecodeToTheRightText(string file, string subject, string? name, string phrase)
    {
        var m = MailText.Map(TestData.EmailFixture(file));
        Assert.Equal(subject, m.Subject);
        if (name is not null) Assert.Equal(name, m.From?.Name);
        Assert.Contains(phrase, m.Text);
    }

    [Theory]
    [InlineData("letters/test_korean_plaintext_euc-kr_over_base64.txt")]
    [InlineData("letters/test_korean_plaintext_euc-kr_over_quoted-printable.txt")]
    [InlineData("letters/test_korean_multipart_mixed_euc-kr_over_base64.txt")]
    [InlineData("letters/test_korean_multipart_related_euc-kr_over_base64.txt")]
    [InlineData("letters/test_korean_plaintext_utf-8_over_base64.txt")]
    [InlineData("letters/test_korean_multipart_mixed_utf-8_over_quoted-printable.txt")]
    public void Map_KoreanCorpusLetters_KnownPhrasesComeOutRight(string file)
    {
        var m = MailText.Map(TestData.CorpusFile(file));
        Assert.Equal("📧 Test 한국어 팬그램", m.Subject);
        Assert.Equal("앨리스 보내는사람", m.From?.Name);
        Assert.Equal("alice.bonaeneunsalam@example.com", m.From?.Address);
        Assert.Contains("키스의 고유조건은 입술끼리 만나야 하고 특별한 기술은 필요치 않다.", m.Text + m.Html);
        Assert.Contains(m.Cc, p => p.Name == "댄 수신자");
    }

    [Fact]
    public void Map_EveryCorpusMessage_MapsWithoutThrowingAndWithoutReplacementCharacters()
    {
        var count = 0;
        var garbled = new List<string>();
        foreach (var (name, raw) in TestData.EmailCorpus())
        {
            var m = MailText.Map(raw);
            count++;
            Assert.False(string.IsNullOrEmpty(m.DedupeKey));
            if (name.Contains("korean") && (m.Subject + m.Text + m.From?.Name).Contains('\uFFFD')) garbled.Add(name);
        }
        Assert.True(count >= 300, $"only {count} messages in the corpus");
        Assert.Empty(garbled);
    }

    [Theory]
    [InlineData("letters/test_chinese_plaintext_gbk_over_base64.txt")]
    [InlineData("letters/test_japanese_plaintext_iso-2022-jp_over_7bit.txt")]
    [InlineData("letters/test_thai_plaintext_windows-874_over_base64.txt")]
    public void Map_OtherLegacyCharsets_DecodeWithoutReplacementCharacters(string file)
    {
        var m = MailText.Map(TestData.CorpusFile(file));
        Assert.DoesNotContain('\uFFFD', m.Subject + m.Text);
        Assert.True(m.Text.Any(c => c >= 0x0E00), "expected CJK or Thai text");
    }

    [Fact]
    public void Map_SameMessageTwice_SameKey_ReusedMessageIdWithOtherText_OtherKey()
    {
        var a = MailText.Map(MailText.Raw(messageId: "same@example.kr", body: "첫 번째"));
        var again = MailText.Map(MailText.Raw(messageId: "same@example.kr", body: "첫 번째", extraHeaders: "Received: from relay2"));
        var other = MailText.Map(MailText.Raw(messageId: "same@example.kr", body: "두 번째"));
        Assert.Equal(a.DedupeKey, again.DedupeKey);
        Assert.NotEqual(a.DedupeKey, other.DedupeKey);
        Assert.StartsWith("r:", MailText.Map(Encoding.ASCII.GetBytes("From: a@b.kr\r\nSubject: x\r\n\r\nno id\r\n")).DedupeKey);
    }

    [Fact]
    public void Map_HeaderInjectionInName_LeavesOneLineWithoutMarkup()
    {
        var raw = Encoding.UTF8.GetBytes("From: =?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Kim\r\nBcc: victim@example.com <script>")) + "?= <kim@example.kr>\r\n"
            + "Subject: =?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("hi\r\nX-Injected: 1")) + "?=\r\nMessage-ID: <inj@example.kr>\r\n\r\nbody\r\n");
        var m = MailText.Map(raw);
        Assert.DoesNotContain('\n', m.From!.Name!);
        Assert.DoesNotContain('<', m.From.Name!);
        Assert.DoesNotContain('\n', m.Subject);
        Assert.DoesNotContain('\r', m.Subject);
    }

    [Fact]
    public void Map_Attachments_SafeNamesInlineIdsAndSizeLimit()
    {
        var big = Convert.ToBase64String(new byte[MailText.Limits.MaxAttachmentBytes + 10], Base64FormattingOptions.InsertLineBreaks);
        var png = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var raw = Encoding.ASCII.GetBytes(string.Join("\r\n",
            "From: a@example.kr", "Subject: files", "Message-ID: <files@example.kr>", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=b1", "", "--b1",
            "Content-Type: multipart/related; boundary=b2", "", "--b2",
            "Content-Type: text/html; charset=utf-8", "", "<p>see <img src=\"cid:logo@x\"></p>", "--b2",
            "Content-Type: image/png", "Content-ID: <logo@x>", "Content-Transfer-Encoding: base64", "", png, "--b2--", "--b1",
            "Content-Type: application/pdf; name=\"../../etc/passwd\"", "Content-Disposition: attachment; filename=\"..\\..\\boot.ini\"",
            "Content-Transfer-Encoding: base64", "", png, "--b1",
            "Content-Type: application/octet-stream", "Content-Disposition: attachment; filename=big.bin", "Content-Transfer-Encoding: base64", "", big,
            "--b1--", ""));
        var m = MailText.Map(raw);
        Assert.Equal(2, m.Attachments.Count);
        var inline = Assert.Single(m.Attachments, a => a.ContentId == "logo@x");
        Assert.Equal("image/png", inline.ContentType);
        var traversal = Assert.Single(m.Attachments, a => a.ContentId is null);
        Assert.Equal("boot.ini", traversal.FileName);
        Assert.Contains(m.Problems, p => p.Contains("big.bin"));
        Assert.Contains("cid:logo@x", m.Html);
    }

    [Fact]
    public void Map_TenThousandParts_ReadsOnlyTheLimitAndSaysSo()
    {
        var sb = new StringBuilder("From: a@example.kr\r\nSubject: parts\r\nMessage-ID: <parts@example.kr>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (var i = 0; i < 10_000; i++) sb.Append($"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=f{i}.bin\r\n\r\nx\r\n");
        sb.Append("--b--\r\n");
        var m = MailText.Map(Encoding.ASCII.GetBytes(sb.ToString()));
        Assert.Equal(MailText.Limits.MaxAttachments, m.Attachments.Count);
        Assert.Contains(m.Problems, p => p.Contains("parts"));
    }

    [Fact]
    public void Map_DeeplyNestedMultiparts_DoesNotOverflow()
    {
        var sb = new StringBuilder("From: a@example.kr\r\nSubject: deep\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
        for (var i = 1; i < 5000; i++) sb.Append($"--b{i - 1}\r\nContent-Type: multipart/mixed; boundary=b{i}\r\n\r\n");
        sb.Append("--b4999\r\nContent-Type: text/plain\r\n\r\n바닥\r\n");
        var m = MailText.Map(Encoding.UTF8.GetBytes(sb.ToString()));
        Assert.Equal("deep", m.Subject);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0garbage\xff\xfe")]
    [InlineData("Content-Type: multipart/mixed; boundary=\"\r\n\r\n--\r\n--")]
    [InlineData("From: <<<@@@>>>\r\nSubject: =?utf-8?B?!!!?=\r\nContent-Type: text/plain; charset=\"x-no-such-charset\"\r\n\r\n\xc7\xd1\xb1\xdb")]
    public void Map_MalformedInput_NeverThrows(string text)
    {
        var m = MailText.Map(Encoding.Latin1.GetBytes(text));
        Assert.NotNull(m.DedupeKey);
    }

    [Fact]
    public void Map_UnknownCharsetWithKoreanBytes_FallsBackToCp949()
    {
        var m = MailText.Map(Encoding.Latin1.GetBytes("From: a@example.kr\r\nSubject: x\r\nContent-Type: text/plain; charset=\"x-no-such-charset\"\r\n\r\n\xc7\xd1\xb1\xdb\r\n"));
        Assert.Equal("한글", m.Text.Trim());
    }

    [Fact]
    public void Map_DeliveryStatusReport_FindsTheBouncedMessage()
    {
        var m = MailText.Map(TestData.CorpusFile("mimekit/messages/delivery-status.txt"));
        Assert.NotNull(m.Report);
        Assert.False(m.Report!.IsReceipt);
        var mdn = MailText.Map(TestData.CorpusFile("mimekit/messages/disposition-notification.txt"));
        Assert.True(mdn.Report?.IsReceipt);
    }
}
