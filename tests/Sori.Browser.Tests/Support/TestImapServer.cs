namespace Sori.Browser.Tests.Support;

/// <summary>The throwaway Dovecot that ./test.sh starts (SORI_TEST_IMAP): plain port, implicit-TLS port, account, certificate fingerprint.</summary>
public sealed record TestImapServer(string Host, int Port, int TlsPort, string Username, string Password, string Fingerprint)
{
    public static TestImapServer FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("SORI_TEST_IMAP")
            ?? throw new InvalidOperationException("SORI_TEST_IMAP is not set: run the tests through ./test.sh, which starts a throwaway Dovecot.");
        var s = value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return new(s["Host"], int.Parse(s["Port"]), int.Parse(s["TlsPort"]), s["Username"], s["Password"], s["Fingerprint"]);
    }
}
