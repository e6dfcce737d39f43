using System.Text;
using Sori.Core.Attachments;

namespace Sori.Core.Tests.Attachments;

public class AttachmentContentTests
{
    [Theory]
    [InlineData("89504E470D0A1A0A0000000D49484452", "image/png")]
    [InlineData("FFD8FFE000104A464946", "image/jpeg")]
    [InlineData("FFD8FFE1", "image/jpeg")]
    [InlineData("474946383961010001", "image/gif")]
    [InlineData("474946383761010001", "image/gif")]
    [InlineData("524946461A00000057454250565038", "image/webp")]
    public void SniffImage_KnownSignatures(string hex, string type) => Assert.Equal(type, AttachmentContent.SniffImage(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("<html><body>PNG</body></html>")]
    [InlineData("%PDF-1.7")]
    [InlineData("RIFF\u0000\u0000\u0000\u0000WAVEfmt ")]
    [InlineData("GIF8")]
    [InlineData("")]
    public void SniffImage_AnythingElse_IsNotAnImage(string content) => Assert.Null(AttachmentContent.SniffImage(Encoding.Latin1.GetBytes(content)));
}
