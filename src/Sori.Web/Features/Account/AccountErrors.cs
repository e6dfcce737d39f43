using Microsoft.Extensions.Localization;
using Sori.Core.Common;
using Sori.Web.Workspace;

namespace Sori.Web.Features.Account;

/// <summary>Turns the password and code checks' field errors into sentences in the agent's language.</summary>
public static class AccountErrors
{
    public static List<string> Explain(ValidationException e, IStringLocalizer<Ui> l, CoreText core) => e.Errors.SelectMany(p => p.Key switch
    {
        "currentPassword" or "password" when p.Value.Any(m => m.Contains("incorrect", StringComparison.Ordinal)) => [l["Account.CurrentWrong"].Value],
        "currentPassword" => [l["Account.CurrentRequired"].Value],
        "newPassword" when p.Value.Contains("must differ from the current password.") => [l["Account.SameAsCurrent"].Value],
        "password" when p.Value.Contains("is required.") => [l["Account.PasswordRequired"].Value],
        "newPassword" or "password" => [l["Account.PasswordRulesBroken"].Value],
        "confirmPassword" => [l["Account.ConfirmMismatch"].Value],
        "code" => [l["Account.CodeWrong"].Value],
        "token" => [l["Welcome.Invalid"].Value],
        _ => core.Explain(new ValidationException(new Dictionary<string, Sori.Core.Common.ErrorText[]> { [p.Key] = e.Messages[p.Key] })),
    }).Distinct().ToList();
}
