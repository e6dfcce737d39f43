using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Data;

namespace Sori.Core.Agents;

/// <summary>
/// Identity for agents: password and lockout rules, the EF stores and the authenticator (TOTP)
/// token provider. The web host adds sign-in and cookies on top; the use cases only need these.
/// </summary>
public static class AgentIdentity
{
    public const int MinPasswordLength = 10;

    public static IdentityBuilder AddSoriIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<Agent>(Configure)
            .AddUserStore<AgentStore>()
            .AddErrorDescriber<AgentErrorDescriber>()
            .AddTokenProvider<AuthenticatorTokenProvider<Agent>>(TokenOptions.DefaultAuthenticatorProvider);

    public static void Configure(IdentityOptions o)
    {
        o.User.RequireUniqueEmail = true;
        o.Password.RequiredLength = MinPasswordLength;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireDigit = false;
        o.Password.RequiredUniqueChars = 4;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.Tokens.AuthenticatorTokenProvider = TokenOptions.DefaultAuthenticatorProvider;
    }

    /// <summary>A random password for an invitation or the first admin: 16 letters and digits without look-alikes.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }

    /// <summary>Runs Identity's password rules without changing anything, so a multi-step change can fail before its first write.</summary>
    public static async Task CheckPasswordAsync(UserManager<Agent> users, Agent agent, string? password, string field)
    {
        if (string.IsNullOrEmpty(password)) throw Common.ValidationException.For(field, "is required.");
        var errors = new List<Common.ErrorText>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, agent, password);
            errors.AddRange(result.Errors.Select(AgentErrorDescriber.TextOf));
        }
        if (errors.Count > 0) throw new Common.ValidationException(new Dictionary<string, Common.ErrorText[]> { [field] = errors.ToArray() });
    }
}
