using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Sori.Core.Data;

/// <summary>Times are stored as UTC; providers that lose the kind (SQLite) get it back on read.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>A string map stored as one JSON text column on every provider.</summary>
public sealed class JsonMapConverter() : ValueConverter<Dictionary<string, string>, string>(
    v => JsonSerializer.Serialize(v, JsonDefaults.Web),
    v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonDefaults.Web) ?? new Dictionary<string, string>());

public sealed class JsonMapComparer() : ValueComparer<Dictionary<string, string>>(
    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
    v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value)),
    v => new Dictionary<string, string>(v, StringComparer.Ordinal));
