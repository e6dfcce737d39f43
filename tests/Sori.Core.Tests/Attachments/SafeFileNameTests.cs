using Sori.Core.Attachments;

namespace Sori.Core.Tests.Attachments;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\boot.ini", "boot.ini")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]        // right-to-left override would show "invoiceexe.pdf"
    [InlineData("report\u200B\u2066.pdf\u2069.exe", "report.pdf.exe")] // zero-width space and isolates
    [InlineData("a<b>c:d*e?f|g\".txt", "a_b_c_d_e_f_g_.txt")]
    [InlineData("line\r\nbreak.txt", "line__break.txt")]
    [InlineData(".hidden", "hidden")]
    [InlineData("", "attachment")]
    [InlineData(null, "attachment")]
    [InlineData("주문내역서.pdf", "주문내역서.pdf")]
    public void From_KeepsOnlyAHarmlessLeafName(string? name, string expected) => Assert.Equal(expected, SafeFileName.From(name));

    [Fact]
    public void From_ShortensVeryLongNames_KeepingTheExtension()
    {
        var name = SafeFileName.From(new string('가', 500) + ".pdf");
        Assert.True(name.Length <= 200);
        Assert.EndsWith(".pdf", name);
    }

    [Theory]
    [InlineData("image/png; charset=binary", "image/png")]
    [InlineData("text/html\r\nX-Injected: 1", "application/octet-stream")]
    [InlineData("nonsense", "application/octet-stream")]
    public void ContentType_KeepsOnlyAPlainType(string type, string expected) => Assert.Equal(expected, SafeFileName.ContentType(type));
}
