using System.Security.Cryptography;
using System.Text;
using Sori.Core.Data;
using Sori.Core.Settings;

namespace Sori.Web.Hosting;

/// <summary>
/// Whether the desk still needs its first admin (no admin exists and none came from configuration or
/// the command line), and the setup code that proves the person on the setup page can read this
/// process's console: without it, whoever reached a fresh server first could claim it.
/// </summary>
public sealed class FirstRunSetup(IServiceScopeFactory scopes)
{
    private volatile bool _closed;

    /// <summary>Eight letters and digits, printed at start-up while setup is open.</summary>
    public string Code { get; } = NewCode();

    public async Task<bool> IsOpenAsync(CancellationToken ct = default)
    {
        if (_closed) return false;
        await using var scope = scopes.CreateAsyncScope();
        var open = await SetUpDesk.NoAdmin(scope.ServiceProvider.GetRequiredService<SoriDbContext>(), ct);
        if (!open) _closed = true; // an admin never goes away, so there is no need to ask again
        return open;
    }

    public void Close() => _closed = true;

    public bool Matches(string? entered)
    {
        var normalized = new string((entered ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(normalized), Encoding.ASCII.GetBytes(Code.Replace("-", "")));
    }

    private static string NewCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(chars, 0, 4) + "-" + new string(chars, 4, 4);
    }
}
