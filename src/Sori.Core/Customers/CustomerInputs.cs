using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;
using Sori.Core.Data;
using Sori.Core.Fields;

namespace Sori.Core.Customers;

/// <summary>Checks shared by creating and updating customers.</summary>
public sealed class CustomerInputs(SoriDbContext db)
{
    public static List<string> CheckEmails(Validator v, IReadOnlyList<string>? emails)
    {
        var result = new List<string>();
        foreach (var e in emails ?? [])
        {
            if (EmailAddress.TryNormalize(e, out var n)) result.Add(n);
            else v.Add("emails", $"'{Truncate(e)}' is not a valid email address.");
        }
        v.When(result.Count > 20, "emails", "must list at most 20 addresses.");
        return result.Distinct().ToList();
    }

    public static void CheckPhones(Validator v, IReadOnlyList<string>? phones)
    {
        foreach (var p in phones ?? [])
        {
            v.Text("phones", p, Limits.Phone);
            if (!PhoneNumber.LooksLikePhone(p)) v.Add("phones", $"'{Truncate(p)}' is not a phone number.");
        }
    }

    public static void CheckProfile(Validator v, string? language, string? timeZone, IReadOnlyList<string>? tags, string? notes)
    {
        v.When(language is not (null or "ko" or "en"), "language", "must be ko or en.")
         .When(timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _), "timeZone", "is not a known time zone (e.g. Asia/Seoul).")
         .Body("notes", notes, Limits.Notes);
        Tickets.TicketInputs.CheckTags(v, "tags", tags);
    }

    public async Task EnsureEmailsFreeAsync(Validator v, IReadOnlyList<string> emails, long? exceptCustomerId, CancellationToken ct)
    {
        if (emails.Count == 0) return;
        var taken = await db.CustomerEmails.Where(e => emails.Contains(e.Address) && e.CustomerId != exceptCustomerId)
            .Select(e => e.Address).ToListAsync(ct);
        foreach (var t in taken) v.Add("emails", $"{t} already belongs to another customer (merge the two instead).");
    }

    public async Task CheckOrganizationAsync(Validator v, long? organizationId, CancellationToken ct)
    {
        if (organizationId is { } id && !await db.Organizations.AnyAsync(o => o.Id == id, ct))
            v.Add("organizationId", $"Organization {id} does not exist.");
    }

    public Task<Dictionary<string, string?>> NormalizeFieldsAsync(Validator v, IReadOnlyDictionary<string, object?>? values, CancellationToken ct) =>
        CustomFieldValues.NormalizeAsync(db, CustomFieldEntity.Customer, v, values, ct);

    public static void ApplyFields(Customer c, Dictionary<string, string?> fields)
    {
        if (fields.Count == 0) return;
        var next = new Dictionary<string, string>(c.CustomFields, StringComparer.Ordinal);
        foreach (var (k, val) in fields) { if (val is null) next.Remove(k); else next[k] = val; }
        c.CustomFields = next;
    }

    private static string Truncate(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
