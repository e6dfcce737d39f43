using System.Collections.Concurrent;
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
        long size = 0;
        string sha, temp = "";
        var moved = false;
        try
        {
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            await using (var file = CreateTemp(path => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true), out temp))
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
            moved = MoveIntoPlace(temp, PathFor(sha));
            return (sha, size);
        }
        finally
        {
            if (!moved && temp.Length > 0) File.Delete(temp);
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
        var moved = false;
        var temp = "";
        try
        {
            // A bare handle: no buffer, and no advisory lock (the temporary name is this call's alone).
            using (var handle = CreateTemp(path => File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite), out temp))
                await RandomAccess.WriteAsync(handle, content, 0, ct);
            moved = MoveIntoPlace(temp, final);
            return (sha, content.Length);
        }
        finally
        {
            if (!moved && temp.Length > 0) File.Delete(temp);
        }
    }

    public Stream? OpenRead(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) return null;
        var path = PathFor(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    // Folders this store has made (or found) already: each is checked on disk once, not per file.
    private readonly ConcurrentDictionary<string, bool> _folders = new(StringComparer.Ordinal);

    /// <summary>Opens a new temporary file.</summary>
    private T CreateTemp<T>(Func<string, T> open, out string path)
    {
        var tmp = Path.Combine(root, "tmp");
        var name = Path.Combine(tmp, Guid.NewGuid().ToString("N"));
        path = name;
        return InFolder(tmp, () => open(name));
    }

    /// <summary>
    /// A complete temporary file becomes the content's file. Identical content has identical bytes, so
    /// replacing a file that appeared meanwhile (the same content from another request) changes nothing.
    /// Returns whether the temporary file was moved.
    /// </summary>
    private bool MoveIntoPlace(string temp, string final) =>
        InFolder(Path.GetDirectoryName(final)!, () =>
        {
            File.Move(temp, final, overwrite: true);
            return true;
        });

    /// <summary>
    /// Runs a file operation in a folder, made first unless this store has seen it already; if the folder
    /// was removed behind the store's back (a cleanup, a restore), it is made again and the operation retried once.
    /// </summary>
    private T InFolder<T>(string folder, Func<T> operation)
    {
        if (!_folders.ContainsKey(folder))
        {
            Directory.CreateDirectory(folder);
            _folders.TryAdd(folder, true);
        }
        try
        {
            return operation();
        }
        catch (DirectoryNotFoundException)
        {
            _folders.Clear();
            Directory.CreateDirectory(folder);
            _folders.TryAdd(folder, true);
            return operation();
        }
    }

    private string PathFor(string sha) => Path.Combine(root, sha[..2], sha);
}
