using System.Security.Cryptography;
using Sori.Core.Attachments;

namespace Sori.Infrastructure.Storage;

/// <summary>
/// Files under &lt;data&gt;/attachments/ab/abcdef… named by their SHA-256, outside any web root.
/// Written to a temporary file first and moved into place, so a crash never leaves half a file
/// under a real name; identical content is stored once.
/// </summary>
public sealed class DiskAttachmentStore(string root) : IAttachmentStore
{
    public async Task<(string Sha256, long Size)?> SaveAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        var temp = NewTempPath();
        long size = 0;
        string sha;
        try
        {
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes) return null;
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            MoveIntoPlace(temp, PathFor(sha));
            return (sha, size);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Bytes in memory are hashed first, in one pass; content already stored is not written again (a
    /// signature's logo, the same file forwarded twice), and new content goes to its temporary file in one write.
    /// </summary>
    public async Task<(string Sha256, long Size)?> SaveAsync(ReadOnlyMemory<byte> content, long maxBytes, CancellationToken ct)
    {
        if (content.Length > maxBytes) return null;
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var final = PathFor(sha);
        if (File.Exists(final)) return (sha, content.Length);
        var temp = NewTempPath();
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
                await file.WriteAsync(content, ct);
            MoveIntoPlace(temp, final);
            return (sha, content.Length);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Stream? OpenRead(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) return null;
        var path = PathFor(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    private string NewTempPath()
    {
        Directory.CreateDirectory(Path.Combine(root, "tmp"));
        return Path.Combine(root, "tmp", Guid.NewGuid().ToString("N"));
    }

    /// <summary>A complete temporary file becomes the content's file, unless that content is already there.</summary>
    private static void MoveIntoPlace(string temp, string final)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        if (!File.Exists(final)) File.Move(temp, final, overwrite: true);
    }

    private string PathFor(string sha) => Path.Combine(root, sha[..2], sha);
}
