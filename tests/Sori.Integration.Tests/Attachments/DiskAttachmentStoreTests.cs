using System.Security.Cryptography;
using System.Text;
using Sori.Infrastructure.Storage;

namespace Sori.Integration.Tests.Attachments;

/// <summary>The files behind attachments and raw mail: named by content, whole or absent, never left half-written.</summary>
public sealed class DiskAttachmentStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sori-store-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task BytesAndStreams_AreStoredUnderTheirHash_AndReadBack()
    {
        var store = new DiskAttachmentStore(_root);
        var bytes = Encoding.UTF8.GetBytes("환불 문의드립니다. 주문번호 2026-1124");
        var fromBytes = await store.SaveAsync(bytes, 1024, default);
        var fromStream = await store.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("영수증.pdf")), 1024, default);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), fromBytes!.Value.Sha256);
        Assert.Equal(bytes.Length, fromBytes.Value.Size);
        await using (var read = store.OpenRead(fromBytes.Value.Sha256)!)
        using (var copy = new MemoryStream())
        {
            await read.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }
        Assert.NotNull(store.OpenRead(fromStream!.Value.Sha256));
        Assert.Empty(TemporaryFiles());
    }

    [Fact]
    public async Task OverTheLimit_NothingIsKept()
    {
        var store = new DiskAttachmentStore(_root);
        Assert.Null(await store.SaveAsync(new byte[2048], 1024, default));
        Assert.Null(await store.SaveAsync(new MemoryStream(new byte[200_000]), 100_000, default));
        Assert.Empty(TemporaryFiles());
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TheSameContentAtOnce_IsOneFile()
    {
        var store = new DiskAttachmentStore(_root);
        var bytes = RandomNumberGenerator.GetBytes(50_000);
        var saved = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
            i % 2 == 0 ? await store.SaveAsync(bytes, 100_000, default) : await store.SaveAsync(new MemoryStream(bytes), 100_000, default))));

        Assert.Single(saved.Select(s => s!.Value.Sha256).Distinct());
        Assert.Single(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
        Assert.Empty(TemporaryFiles());
    }

    [Fact]
    public async Task FoldersRemovedBehindTheStore_AreMadeAgain()
    {
        var store = new DiskAttachmentStore(_root);
        await store.SaveAsync("first"u8.ToArray(), 1024, default);
        foreach (var dir in Directory.EnumerateDirectories(_root)) Directory.Delete(dir, recursive: true);

        var second = await store.SaveAsync("second"u8.ToArray(), 1024, default);
        var third = await store.SaveAsync(new MemoryStream("third"u8.ToArray()), 1024, default);

        Assert.NotNull(store.OpenRead(second!.Value.Sha256));
        Assert.NotNull(store.OpenRead(third!.Value.Sha256));
    }

    private IEnumerable<string> TemporaryFiles() =>
        Directory.Exists(Path.Combine(_root, "tmp")) ? Directory.EnumerateFiles(Path.Combine(_root, "tmp")) : [];
}
