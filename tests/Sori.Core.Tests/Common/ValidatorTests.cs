using Sori.Core.Common;

namespace Sori.Core.Tests.Common;

public class ValidatorTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("hi <img src=x onerror=alert(1)>")]
    [InlineData("</b>")]
    [InlineData("<!-- x -->")]
    public void Text_WithMarkup_IsRejected(string value)
    {
        var e = Assert.Throws<ValidationException>(() => new Validator().Text("name", value, 100).ThrowIfInvalid());
        Assert.Contains("name", e.Errors.Keys);
    }

    [Theory]
    [InlineData("가격 < 10000원")]
    [InlineData("I <3 Sori")]
    [InlineData("환불 요청 [#1234]")]
    public void Text_WithPlainAngleBrackets_IsAccepted(string value) =>
        new Validator().Text("subject", value, 100).ThrowIfInvalid();

    [Theory]
    [InlineData("Kim@Example.KR", true, "kim@example.kr")]
    [InlineData("a@b", false, "")]
    [InlineData("x y@example.com", false, "")]
    [InlineData("\"Kim\" <kim@example.kr>", false, "")]
    public void Email_Normalize(string input, bool ok, string expected)
    {
        Assert.Equal(ok, EmailAddress.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void HtmlContent_StripsScriptsAndDerivesText()
    {
        var (text, html) = HtmlContent.Normalize(null, "<div>첫 줄<br>둘째 줄<script>x()</script></div><a href=\"javascript:alert(1)\">링크</a>");
        Assert.DoesNotContain("script", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Equal("첫 줄\n둘째 줄\n링크", text);
    }
}
