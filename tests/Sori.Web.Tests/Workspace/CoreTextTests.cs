using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Testing;
using Sori.Web.Tests.Support;
using Sori.Web.Workspace;

namespace Sori.Web.Tests.Workspace;

/// <summary>Sori.Core's messages on workspace pages: English for an English page, Korean for a Korean one, none left untranslated.</summary>
public sealed partial class CoreTextTests(SqliteWebApp app) : IClassFixture<SqliteWebApp>
{
    private static readonly string WorkspaceDirectory = Path.Combine(TestData.RepoRoot, "src", "Sori.Web", "Workspace");

    private CoreText Core => app.Services.GetRequiredService<CoreText>();

    private static T In<T>(string language, Func<T> read)
    {
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(language);
        try { return read(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture); }
    }

    private static ValidationException Refusal() => Assert.Throws<ValidationException>(() => new Validator()
        .Required("name", "", 200)
        .Text("requester.email", new string('a', 300), 254)
        .When(true, "assigneeId", $"Agent {42} does not exist or is inactive.")
        .ThrowIfInvalid());

    [Fact]
    public void ValidationRefusals_KoreanPageKorean_EnglishPageEnglish()
    {
        var e = Refusal();

        Assert.Equal(["이름: 필수 항목입니다.", "이메일: 254자 이하여야 합니다.", "담당자: 상담원 42이(가) 없거나 비활성 상태입니다."], In("ko", () => Core.Explain(e)));
        Assert.Equal(["Name: is required.", "Email: must be at most 254 characters.", "Assignee: Agent 42 does not exist or is inactive."], In("en", () => Core.Explain(e)));
    }

    [Fact]
    public void Conflicts_NotFound_AndTheNamesInThem_AreTranslated()
    {
        Assert.Equal("진행 중 상태의 티켓은 신규 상태로 바꿀 수 없습니다.",
            In("ko", () => Core.Explain(new ConflictException($"A {"open"} ticket cannot become {"new"}."))));
        Assert.Equal("티켓 5을(를) 찾을 수 없습니다.", In("ko", () => Core.Explain(new NotFoundException("Ticket", 5))));
        Assert.Equal("Ticket '5' was not found.", In("en", () => Core.Explain(new NotFoundException("Ticket", 5))));
        Assert.Equal("공유 매크로은(는) 관리자만 관리할 수 있습니다.", In("ko", () => Core.Explain(new ForbiddenException($"Only admins manage shared {"macro"}s."))));
    }

    [Fact]
    public void AMessageWithoutTranslation_ShowsInEnglish_NotBlank()
    {
        var e = new ConflictException("Something only an operator would see.");
        Assert.Equal("Something only an operator would see.", In("ko", () => Core.Explain(e)));
    }

    [Fact]
    public void EveryMessageCoreWrites_HasAKoreanTranslation_WithTheSameValues()
    {
        var catalog = Resx(Path.Combine(WorkspaceDirectory, "CoreMessages.resx"));
        var templates = CoreMessageSources.Templates(Path.Combine(TestData.RepoRoot, "src", "Sori.Core"));
        Assert.True(templates.Count > 100, $"found only {templates.Count} messages: the scan is broken");

        var missing = templates.Where(t => !catalog.ContainsKey(t.Template)).Select(t => $"{t.File}: {t.Template}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No Korean for:\n" + string.Join("\n", missing));
        foreach (var (template, korean) in catalog.Where(c => !c.Key.StartsWith("Entity.", StringComparison.Ordinal)))
            Assert.True(Holes(template).SetEquals(Holes(korean)), $"'{korean}' does not use the values of '{template}'");
    }

    [Fact]
    public void TheWorkspacesStrings_ExistInBothLanguages()
    {
        var ko = Resx(Path.Combine(WorkspaceDirectory, "Ui.resx"));
        var en = Resx(Path.Combine(WorkspaceDirectory, "Ui.en.resx"));

        Assert.Empty(ko.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(ko.Keys));
        Assert.DoesNotContain(ko.Concat(en), p => string.IsNullOrWhiteSpace(p.Value));
    }

    /// <summary>The strings of a .resx file; names must differ in more than case (the resource compiler keeps only one of such names).</summary>
    private static Dictionary<string, string> Resx(string path)
    {
        var strings = XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        var clashes = strings.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, $"{Path.GetFileName(path)}: names differing only in case: {string.Join(", ", clashes)}");
        return strings;
    }

    private static HashSet<string> Holes(string template) => Hole().Matches(template.Replace("{{", "").Replace("}}", "")).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Hole();
}
