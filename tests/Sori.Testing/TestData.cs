using Sori.Core.Channels.Email;

namespace Sori.Testing;

/// <summary>The shared test data beside the checkout (../shared/data) and the project's own fixtures.</summary>
public static class TestData
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>../shared/data/email beside the checkout, or under SORI_SHARED_DATA for a checkout elsewhere.</summary>
    public static string EmailCorpusDirectory => Path.GetFullPath(Path.Combine(
        Environment.GetEnvironmentVariable("SORI_SHARED_DATA") is { Length: > 0 } shared ? shared : Path.Combine(RepoRoot, "..", "shared", "data"), "email"));

    public static byte[] EmailFixture(string name) =>
        File.ReadAllBytes(Path.Combine(RepoRoot, "tests", "Sori.Core.Tests", "Email", "Fixtures", name));

    public static byte[] CorpusFile(string relative) => File.ReadAllBytes(Path.Combine(CorpusDirectoryOrThrow(), relative));

    /// <summary>Every message of the shared email corpus: single files as they are, mbox files split.</summary>
    public static IEnumerable<(string Name, byte[] Raw)> EmailCorpus()
    {
        var dir = CorpusDirectoryOrThrow();
        foreach (var path in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(dir, path);
            var file = Path.GetFileName(path);
            if (file.StartsWith("LICENSE", StringComparison.Ordinal) || file is "NOTICE") continue;
            var bytes = File.ReadAllBytes(path);
            if (file.Contains(".mbox", StringComparison.Ordinal) && Mbox.LooksLikeMbox(bytes))
            {
                var i = 0;
                foreach (var raw in Mbox.Messages(new MemoryStream(bytes))) yield return ($"{name}#{i++}", raw);
            }
            else yield return (name, bytes);
        }
    }

    private static string CorpusDirectoryOrThrow()
    {
        var dir = EmailCorpusDirectory;
        return Directory.Exists(dir) ? dir
            : throw new DirectoryNotFoundException($"The shared email corpus is missing: {dir}. Set SORI_SHARED_DATA to the folder that holds email/.");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sori.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Tests must run inside the Sori checkout.");
    }
}
