using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sori.Core.Data;

namespace Sori.Web.Hosting;

/// <summary>Bound from "Sori:DataProtection": where the keys that sign cookies and antiforgery tokens are kept.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "Sori:DataProtection";
    public const string DirectoryStore = "Directory";
    public const string DatabaseStore = "Database";

    /// <summary>
    /// "Directory" (default): files in <see cref="Directory"/>; nodes that share that directory share the keys.
    /// "Database": rows in the database every node already shares.
    /// </summary>
    public string Store { get; set; } = DirectoryStore;

    /// <summary>The key directory; default "keys" in the data folder.</summary>
    public string? Directory { get; set; }

    public bool InDatabase => string.Equals(Store, DatabaseStore, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Problems()
    {
        if (!string.Equals(Store, DirectoryStore, StringComparison.OrdinalIgnoreCase) && !InDatabase)
            yield return $"Store must be {DirectoryStore} or {DatabaseStore}.";
        if (Directory is { } d && (string.IsNullOrWhiteSpace(d) || d.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
            yield return "Directory must be a directory path.";
    }
}

/// <summary>
/// ASP.NET Core Data Protection keys (sign-in cookies, antiforgery tokens, Blazor circuit ids) kept
/// where they outlive the process: by default under the data folder, so a restart signs nobody out;
/// in a shared directory or the database, so every node of a desk reads the others' cookies. One
/// application name for all nodes, whatever folder each runs from.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "Sori";

    public static IServiceCollection AddSoriDataProtection(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<KeyRingOptions>(config, KeyRingOptions.Section, o => o.Problems());
        var options = config.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        services.AddDataProtection().SetApplicationName(ApplicationName);
        if (options.InDatabase)
        {
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
                new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        }
        else
        {
            var directory = Path.GetFullPath(options.Directory is { Length: > 0 } d ? d : Path.Combine(SoriApp.DataDirectory(config), "keys"));
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new FileSystemXmlRepository(PrivateDirectory(directory), sp.GetRequiredService<ILoggerFactory>())));
        }
        return services;
    }

    /// <summary>The keys are secrets: their folder is readable by Sori's user only (where the file system has modes).</summary>
    private static DirectoryInfo PrivateDirectory(string path)
    {
        if (System.IO.Directory.Exists(path)) return new DirectoryInfo(path);
        return OperatingSystem.IsWindows()
            ? System.IO.Directory.CreateDirectory(path)
            : System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}

/// <summary>Keys as rows of <see cref="SoriDbContext.DataProtectionKeys"/>; Data Protection reads them all and only ever adds.</summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        db.SaveChanges();
    }
}
