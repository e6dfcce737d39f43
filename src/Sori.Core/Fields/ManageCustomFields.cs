using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Tickets;

namespace Sori.Core.Fields;

public sealed record CustomFieldRequest(
    string? Key = null, string? Entity = null, string? Type = null, string? NameKo = null, string? NameEn = null,
    IReadOnlyList<string>? Options = null, bool? Required = null, bool? IsActive = null, int? Position = null);

public sealed record CustomFieldView(long Id, string Key, string Entity, string Type, string NameKo, string NameEn,
    IReadOnlyList<string> Options, bool Required, bool IsActive, int Position)
{
    public static CustomFieldView From(CustomFieldDefinition f) => new(f.Id, f.Key, TicketStatusRules.ToWire(f.Entity),
        TicketStatusRules.ToWire(f.Type), f.NameKo, f.NameEn, f.Options, f.Required, f.IsActive, f.Position);
}

/// <summary>Admin-defined typed fields. Key, entity and type are fixed once created (values depend on them); deleting deactivates.</summary>
public sealed partial class ManageCustomFields(SoriDbContext db, TimeProvider clock)
{
    public async Task<CustomFieldDefinition> Create(CustomFieldRequest r, CancellationToken ct)
    {
        var v = new Validator()
            .Required("key", r.Key, 64)
            .When(r.Key is not null && !KeyPattern().IsMatch(r.Key), "key", "must be lower-case letters, digits and underscores, starting with a letter.")
            .Required("nameKo", r.NameKo, Limits.Name).Required("nameEn", r.NameEn, Limits.Name);
        var entity = TicketInputs.ParseEnum<CustomFieldEntity>(v, "entity", r.Entity ?? "ticket");
        var type = TicketInputs.ParseEnum<CustomFieldType>(v, "type", r.Type);
        if (r.Type is null) v.Add("type", "is required.");
        CheckOptions(v, type, r.Options);
        if (entity is { } e && r.Key is not null && await db.CustomFields.AnyAsync(f => f.Entity == e && f.Key == r.Key, ct))
            v.Add("key", "A field with this key already exists.");
        v.ThrowIfInvalid();
        var field = new CustomFieldDefinition(r.Key!, entity!.Value, type!.Value, r.NameKo!.Trim(), r.NameEn!.Trim(), clock.GetUtcNow().UtcDateTime)
        {
            Options = r.Options?.Select(o => o.Trim()).Distinct().ToList() ?? [], Required = r.Required ?? false, Position = r.Position ?? 0,
        };
        db.CustomFields.Add(field);
        await db.SaveChangesAsync(ct);
        return field;
    }

    public async Task<CustomFieldDefinition> Update(long id, CustomFieldRequest r, CancellationToken ct)
    {
        var f = await db.CustomFields.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Custom field", id);
        var v = new Validator()
            .When(r.Key is not null && r.Key != f.Key, "key", "cannot change once created.")
            .When(r.Type is not null && r.Type != TicketStatusRules.ToWire(f.Type), "type", "cannot change once created.")
            .When(r.Entity is not null && r.Entity != TicketStatusRules.ToWire(f.Entity), "entity", "cannot change once created.");
        if (r.NameKo is not null) v.Required("nameKo", r.NameKo, Limits.Name);
        if (r.NameEn is not null) v.Required("nameEn", r.NameEn, Limits.Name);
        if (r.Options is not null) CheckOptions(v, f.Type, r.Options);
        v.ThrowIfInvalid();
        if (r.NameKo is not null) f.NameKo = r.NameKo.Trim();
        if (r.NameEn is not null) f.NameEn = r.NameEn.Trim();
        if (r.Options is not null) f.Options = r.Options.Select(o => o.Trim()).Distinct().ToList();
        if (r.Required is { } req) f.Required = req;
        if (r.IsActive is { } active) f.IsActive = active;
        if (r.Position is { } pos) f.Position = pos;
        await db.SaveChangesAsync(ct);
        return f;
    }

    public async Task<List<CustomFieldView>> List(string? entity, CancellationToken ct)
    {
        var v = new Validator();
        var e = TicketInputs.ParseEnum<CustomFieldEntity>(v, "entity", entity);
        v.ThrowIfInvalid();
        var q = db.CustomFields.AsNoTracking();
        if (e is { } en) q = q.Where(f => f.Entity == en);
        return (await q.OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync(ct)).Select(CustomFieldView.From).ToList();
    }

    private static void CheckOptions(Validator v, CustomFieldType? type, IReadOnlyList<string>? options)
    {
        if (type == CustomFieldType.Dropdown && (options is null || options.Count == 0)) v.Add("options", "a dropdown needs at least one option.");
        if (type is not null and not CustomFieldType.Dropdown && options is { Count: > 0 }) v.Add("options", "only dropdown fields have options.");
        foreach (var o in options ?? []) v.Required("options", o, 200);
        v.When(options is { Count: > 500 }, "options", "must list at most 500 options.");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();
}
