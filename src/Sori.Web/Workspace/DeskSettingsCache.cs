using Sori.Core.Settings;

namespace Sori.Web.Workspace;

/// <summary>
/// The desk's settings as the workspace uses them (name, default language, time zone), read from the
/// database at most every <see cref="MaxAge"/> per node: a change made on this node shows at once,
/// on other nodes within that time.
/// </summary>
public sealed class DeskSettingsCache(IServiceScopeFactory scopes, DeskDefaults defaults, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(DeskSettingsView Settings, DateTimeOffset ReadAt);

    /// <summary>The last settings read (the configured defaults before the first read).</summary>
    public DeskSettingsView Current => _snapshot?.Settings ?? new DeskSettingsView(defaults.DeskName, defaults.Language, defaults.TimeZone, null);

    /// <summary>Current settings, re-read when older than <see cref="MaxAge"/>.</summary>
    public async Task<DeskSettingsView> GetAsync(CancellationToken ct = default)
    {
        if (_snapshot is { } s && clock.GetUtcNow() - s.ReadAt < MaxAge) return s.Settings;
        await _refresh.WaitAsync(ct);
        try
        {
            if (_snapshot is { } again && clock.GetUtcNow() - again.ReadAt < MaxAge) return again.Settings;
            await using var scope = scopes.CreateAsyncScope();
            var settings = await scope.ServiceProvider.GetRequiredService<GetDeskSettings>().Handle(ct);
            _snapshot = new Snapshot(settings, clock.GetUtcNow());
            return settings;
        }
        finally { _refresh.Release(); }
    }

    /// <summary>Takes a just-saved value on this node without waiting for the next read.</summary>
    public void Set(DeskSettingsView settings) => _snapshot = new Snapshot(settings, clock.GetUtcNow());

    public static DeskDefaults DefaultsFrom(IConfiguration config)
    {
        var zone = config["Sori:Desk:TimeZone"] ?? DeskTime.DefaultZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            throw new InvalidOperationException($"Sori:Desk:TimeZone '{zone}' is not a known time zone (e.g. Asia/Seoul).");
        var language = config["Sori:Desk:Language"] ?? "ko";
        if (language is not ("ko" or "en")) throw new InvalidOperationException($"Sori:Desk:Language '{language}' must be ko or en.");
        var name = config["Sori:Desk:Name"];
        return new DeskDefaults(string.IsNullOrWhiteSpace(name) ? DeskDefaults.Name : name.Trim(), language, zone);
    }
}
