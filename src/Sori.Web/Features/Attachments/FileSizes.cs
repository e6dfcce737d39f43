namespace Sori.Web.Features.Attachments;

/// <summary>Sizes as people read them: 930 B, 12 KB, 3.4 MB.</summary>
public static class FileSizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{Math.Ceiling(bytes / 1024.0):0} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };

    /// <summary>The limit as shown to people (whole megabytes, or kilobytes below one).</summary>
    public static string Limit(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : Format(bytes);
}
