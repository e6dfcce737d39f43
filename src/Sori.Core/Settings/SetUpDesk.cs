using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Agents;
using Sori.Core.Common;
using Sori.Core.Data;

namespace Sori.Core.Settings;

public sealed record SetUpDeskRequest(string? DeskName, string? Language, string? TimeZone, string? AdminName, string? AdminEmail,
    string? Password, string? ConfirmPassword);

/// <summary>
/// First-run setup: on a desk with no admin, creates the first admin and saves the desk's name,
/// language and time zone in one transaction. Refused as soon as any admin exists.
/// </summary>
public sealed class SetUpDesk(SoriDbContext db, UserManager<Agent> users, CreateAgent create, TimeProvider clock)
{
    // One setup at a time in this process; the admin check inside the transaction settles the rest.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public Task<bool> IsNeeded(CancellationToken ct) => NoAdmin(db, ct);

    public static async Task<bool> NoAdmin(SoriDbContext db, CancellationToken ct) =>
        !await db.Agents.AnyAsync(a => a.Role == Roles.Admin, ct);

    public async Task<Agent> Handle(SetUpDeskRequest r, CancellationToken ct)
    {
        var v = UpdateDeskSettings.Check(new Validator(), new UpdateDeskSettingsRequest(r.DeskName ?? "", r.Language ?? "", r.TimeZone ?? ""));
        v.Required("adminName", r.AdminName, Limits.Name).Required("adminEmail", r.AdminEmail, Limits.Email).Email("adminEmail", r.AdminEmail)
            .When(!string.IsNullOrEmpty(r.Password) && r.Password != r.ConfirmPassword, "confirmPassword", "does not match the password.");
        if (!string.IsNullOrEmpty(r.Password))
        {
            try { await AgentIdentity.CheckPasswordAsync(users, new Agent(), r.Password, "password"); }
            catch (ValidationException e) { foreach (var m in e.Messages["password"]) v.Add("password", m); }
        }
        else v.Add("password", "is required.");
        v.ThrowIfInvalid();

        await Gate.WaitAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await NoAdmin(db, ct)) throw new ConflictException("The desk is already set up; sign in instead.");
            var admin = await create.Handle(new CreateAgentRequest(r.AdminEmail, r.AdminName, r.Password, Roles.Admin, r.Language, r.TimeZone), ct);
            var settings = await db.DeskSettings.FirstOrDefaultAsync(s => s.Id == DeskSettings.SingletonId, ct);
            if (settings is null) db.DeskSettings.Add(settings = new DeskSettings());
            settings.DeskName = r.DeskName!.Trim();
            settings.DefaultLanguage = r.Language!;
            settings.TimeZone = r.TimeZone!;
            settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            settings.UpdatedByAgentId = admin.Id;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return admin;
        }
        finally { Gate.Release(); }
    }
}
