using MailKit;
using MailKit.Net.Imap;
using Sori.Core.Channels.Email;
using Sori.Core.Conversations.Inbound;

namespace Sori.Infrastructure.Email;

/// <summary>
/// Where taken mail goes on the IMAP server: quarantined mail to the mailbox's spam folder, everything
/// else to its processed folder (either may be unset: the mail then stays, flagged \Seen). Folder
/// names use "/" between levels whatever the server's separator; missing folders are created.
/// </summary>
public sealed class ImapDestinations(IMailStore store, MailServer? settings)
{
    private readonly Dictionary<string, IMailFolder> _open = new(StringComparer.Ordinal);

    /// <summary>The folder a taken message goes to, or null when it stays where it is.</summary>
    public string? NameFor(InboundResult result) =>
        result.Disposition == "quarantined" ? settings?.SpamFolder ?? settings?.ProcessedFolder : settings?.ProcessedFolder;

    public async Task<IMailFolder> OpenAsync(string name, CancellationToken ct)
    {
        if (_open.TryGetValue(name, out var folder)) return folder;
        try { return _open[name] = await GetOrCreateAsync(store, name, ct); }
        catch (Exception e) when (e is ImapCommandException or FolderNotFoundException)
        {
            throw new MailConnectionException("folder", $"The IMAP folder \"{name}\" cannot be opened or created: {e.Message}", e);
        }
    }

    public async Task MoveAsync(IMailFolder from, IList<UniqueId> uids, IMailFolder to, CancellationToken ct)
    {
        try { await from.MoveToAsync(uids, to, ct); }
        catch (ImapCommandException e)
        {
            throw new MailConnectionException("folder", $"Moving mail to the IMAP folder \"{to.FullName}\" failed: {e.Message}", e);
        }
    }

    /// <summary>The folder at <paramref name="name"/> ("Sori/Processed"), created level by level in the personal namespace if missing.</summary>
    public static async Task<IMailFolder> GetOrCreateAsync(IMailStore store, string name, CancellationToken ct)
    {
        var ns = store.PersonalNamespaces[0];
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try { return await store.GetFolderAsync(string.Join(ns.DirectorySeparator, parts), ct); }
        catch (FolderNotFoundException) { }
        var folder = store.GetFolder(ns)
                     ?? throw new InvalidOperationException($"The IMAP server has no folder for its personal namespace \"{ns.Path}\".");
        foreach (var part in parts)
        {
            IMailFolder? next;
            try { next = await folder.GetSubfolderAsync(part, ct); }
            catch (FolderNotFoundException) { next = await folder.CreateAsync(part, true, ct); }
            folder = next ?? throw new InvalidOperationException($"The IMAP server did not create the folder \"{part}\" under \"{folder.FullName}\".");
        }
        return folder;
    }
}
