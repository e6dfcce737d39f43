using Sori.Core.Common;
using Sori.Core.Macros;

namespace Sori.Core.Tests.Macros;

public sealed class MacroTemplateTests
{
    private static readonly Dictionary<string, string?> Values = new()
    {
        ["customer.name"] = "김민지", ["customer.email"] = null, ["ticket.number"] = "1024", ["agent.name"] = "<이서준>",
    };

    [Theory]
    [InlineData("{{customer.name}}님", "김민지님")]
    [InlineData("{{ customer.name }}님", "김민지님")]
    [InlineData("{{customer.email|주소 없음}}", "주소 없음")]
    [InlineData("{{customer.email}}!", "!")]
    [InlineData("#{{ticket.number}} {{ticket.subject | 문의 }}", "#1024 문의")]
    [InlineData("{{ not closed", "{{ not closed")]
    [InlineData("a\r\nb", "a\nb")]
    public void Render_FillsValuesAndFallbacks(string template, string expected) =>
        Assert.Equal(expected, MacroTemplate.Render(template, Values));

    [Fact]
    public void RenderHtml_EscapesTheTextAndTheValues() =>
        Assert.Equal("<div>&lt;i&gt;안녕&lt;/i&gt; &amp;<br>&lt;이서준&gt;</div>", MacroTemplate.RenderHtml("<i>안녕</i> &\n{{agent.name}}", Values));

    [Theory]
    [InlineData("{{customer.nmae}}")]
    [InlineData("{{}}")]
    [InlineData("{{ Customer.Name }}")]
    [InlineData("{{customer.name|" + "x" + "}} {{desk}}")]
    public void Check_UnknownPlaceholder_NamesTheField(string template)
    {
        var v = new Validator();
        MacroTemplate.Check(v, "bodies.ko", template);
        var e = Assert.Throws<ValidationException>(v.ThrowIfInvalid);
        Assert.Equal(["bodies.ko"], e.Errors.Keys);
        Assert.Contains("unknown placeholder", e.Errors["bodies.ko"][0]);
    }

    [Fact]
    public void Check_OverlongFallback_IsRefused()
    {
        var v = new Validator();
        MacroTemplate.Check(v, "bodies.en", "{{customer.name|" + new string('x', MacroTemplate.MaxFallbackLength + 1) + "}}");
        Assert.False(v.IsValid);
    }

    [Fact]
    public void Check_EveryKnownPlaceholder_IsFine()
    {
        var v = new Validator();
        MacroTemplate.Check(v, "bodies.ko", string.Join(" ", MacroTemplate.Placeholders.Select(p => "{{" + p.Name + "|x}}")));
        Assert.True(v.IsValid);
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("EN-us", "en")]
    [InlineData("ko-KR", "ko")]
    [InlineData("ja", "ko")]
    [InlineData(null, "ko")]
    public void Pick_CustomersLanguageElseKoreanElseEnglish(string? language, string expected)
    {
        var both = new Dictionary<string, string> { ["ko"] = "안녕하세요", ["en"] = "Hello" };
        Assert.Equal(expected, MacroLanguages.Pick(both, language)?.Language);
        Assert.Equal("en", MacroLanguages.Pick(new Dictionary<string, string> { ["ko"] = " ", ["en"] = "Hello" }, language)?.Language);
        Assert.Null(MacroLanguages.Pick(new Dictionary<string, string>(), language));
    }
}
