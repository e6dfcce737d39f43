using System.Collections.Concurrent;

namespace Sori.Core.Attachments;

/// <summary>
/// What a stored file really is, read from its first bytes rather than taken from its name or the
/// type its sender claimed: only PNG, JPEG, GIF and WebP images are ever shown inline (never SVG, which
/// can carry script, nor HTML). Files are stored by content hash, so an answer never changes and is
/// remembered (for a bounded number of files).
/// </summary>
public sealed class AttachmentContent(IAttachmentStore store)
{
    private const int Remembered = 100_000;
    private readonly ConcurrentDictionary<string, string> _imageTypes = new(StringComparer.Ordinal);

    /// <summary>"image/png", "image/jpeg", "image/gif" or "image/webp" when the bytes start like one; null otherwise.</summary>
    public static string? SniffImage(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };

    /// <summary>The image type of the stored file (see <see cref="SniffImage"/>); null for anything else or a missing file.</summary>
    public async Task<string?> ImageTypeAsync(string sha256, CancellationToken ct)
    {
        if (_imageTypes.TryGetValue(sha256, out var known)) return known.Length == 0 ? null : known;
        await using var stream = store.OpenRead(sha256);
        if (stream is null) return null; // not remembered: a missing file is a fault to report, not a fact about the content
        var head = new byte[12];
        var read = 0;
        while (read < head.Length && await stream.ReadAsync(head.AsMemory(read), ct) is var n and > 0) read += n;
        var type = SniffImage(head.AsSpan(0, read));
        if (_imageTypes.Count >= Remembered) _imageTypes.Clear();
        _imageTypes[sha256] = type ?? "";
        return type;
    }
}
