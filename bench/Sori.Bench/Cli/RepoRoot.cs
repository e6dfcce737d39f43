namespace Sori.Bench.Cli;

public static class RepoRoot
{
    /// <summary>The checkout holding Sori.slnx: from the working directory first, else from where the binary lives.</summary>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Sori.slnx"))) return dir.FullName;
        throw new UsageException("cannot find the Sori checkout (Sori.slnx); run from inside it");
    }
}
