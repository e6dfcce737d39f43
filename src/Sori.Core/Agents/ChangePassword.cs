using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sori.Core.Common;

namespace Sori.Core.Agents;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

/// <summary>
/// An agent changes their own password; the current one is required. A wrong current password
/// counts towards the lockout, so a left-open session cannot be used to guess it.
/// </summary>
public sealed class ChangePassword(UserManager<Agent> users)
{
    public async Task<Agent> Handle(long agentId, ChangePasswordRequest r, CancellationToken ct)
    {
        new Validator()
            .When(string.IsNullOrEmpty(r.CurrentPassword), "currentPassword", "is required.")
            .When(string.IsNullOrEmpty(r.NewPassword), "newPassword", "is required.")
            .When(!string.IsNullOrEmpty(r.NewPassword) && r.NewPassword != r.ConfirmPassword, "confirmPassword", "does not match the new password.")
            .When(!string.IsNullOrEmpty(r.NewPassword) && r.NewPassword == r.CurrentPassword, "newPassword", "must differ from the current password.")
            .ThrowIfInvalid();
        var agent = await users.Users.FirstOrDefaultAsync(a => a.Id == agentId, ct) ?? throw new NotFoundException("Agent", agentId);
        if (await users.IsLockedOutAsync(agent)) throw new ConflictException("The account is locked after too many failed attempts; try again later.");
        if (!await users.CheckPasswordAsync(agent, r.CurrentPassword!))
        {
            await users.AccessFailedAsync(agent);
            throw ValidationException.For("currentPassword", "is incorrect.");
        }
        await AgentIdentity.CheckPasswordAsync(users, agent, r.NewPassword, "newPassword");
        var result = await users.ChangePasswordAsync(agent, r.CurrentPassword!, r.NewPassword!);
        if (!result.Succeeded) throw new ValidationException(new Dictionary<string, ErrorText[]> { ["newPassword"] = result.Errors.Select(AgentErrorDescriber.TextOf).ToArray() });
        return agent;
    }
}
