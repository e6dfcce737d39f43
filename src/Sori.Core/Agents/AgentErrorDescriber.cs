using Microsoft.AspNetCore.Identity;
using Sori.Core.Common;

namespace Sori.Core.Agents;

/// <summary>
/// Identity's refusals (password rules, a taken address) in Identity's own English, but as
/// <see cref="ErrorText"/> with their values apart, so pages can show them in the reader's language.
/// </summary>
public sealed class AgentErrorDescriber : IdentityErrorDescriber
{
    /// <summary>An Identity error that remembers its message's template.</summary>
    public sealed class Templated : IdentityError
    {
        public Templated(string code, ErrorText text)
        {
            Code = code;
            Description = text.Text;
            Text = text;
        }

        public ErrorText Text { get; }
    }

    /// <summary>The message of any Identity error, templated where this describer made it.</summary>
    public static ErrorText TextOf(IdentityError e) => e is Templated t ? t.Text : e.Description;

    public override IdentityError PasswordTooShort(int length) => new Templated(nameof(PasswordTooShort), $"Passwords must be at least {length} characters.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new Templated(nameof(PasswordRequiresUniqueChars), $"Passwords must use at least {uniqueChars} different characters.");
    public override IdentityError PasswordMismatch() => new Templated(nameof(PasswordMismatch), "Incorrect password.");
    public override IdentityError DuplicateEmail(string email) => new Templated(nameof(DuplicateEmail), $"Email '{email}' is already taken.");
    public override IdentityError DuplicateUserName(string userName) => new Templated(nameof(DuplicateUserName), $"Username '{userName}' is already taken.");
    public override IdentityError InvalidEmail(string? email) => new Templated(nameof(InvalidEmail), $"Email '{email}' is invalid.");
    public override IdentityError InvalidUserName(string? userName) =>
        new Templated(nameof(InvalidUserName), $"Username '{userName}' is invalid, can only contain letters or digits.");
}
