using System.Runtime.CompilerServices;
using System.Text;

namespace Sori.Core.Channels.Email;

/// <summary>
/// Text in whatever charset a mail client chose. Korean names all mean CP949 (a superset of EUC-KR
/// that Outlook labels ks_c_5601-1987): decoding them as plain EUC-KR loses syllables such as 똠 or 햏.
/// Declared charsets are tried strictly first; wrong or missing ones fall back to UTF-8, then CP949.
/// </summary>
public static class MailEncodings
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    [ModuleInitializer]
    internal static void Register()
    {
        // Ours first: the first provider that answers wins, and the code-pages one would give EUC-KR for 51949.
        Encoding.RegisterProvider(KoreanEncodingProvider.Instance);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static Encoding Cp949 => KoreanEncodingProvider.Cp949;

    /// <summary>The fallback for unlabelled 8-bit text: CP949 on a Korean desk, Windows-1252 otherwise.</summary>
    public static Encoding FallbackFor(string language) => language == "ko" ? Cp949 : Encoding.GetEncoding(1252);

    public static Encoding? Resolve(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset)) return null;
        try { return Encoding.GetEncoding(charset.Trim().Trim('"', '\'')); }
        catch (ArgumentException) { return null; }
    }

    public static string Decode(byte[] bytes, string? charset, Encoding fallback)
    {
        var declared = Resolve(charset);
        if (IsSevenBit(bytes)) return (declared is { IsSingleByte: false } && bytes.Contains((byte)0x1B) ? declared : Encoding.ASCII).GetString(bytes);
        if (declared is not null)
        {
            var mislabelled = declared.CodePage is 20127 or 28591 or 1252 && TryStrict(StrictUtf8, bytes, out _);
            if (!mislabelled && TryStrict(Strict(declared), bytes, out var text)) return text;
        }
        if (TryStrict(StrictUtf8, bytes, out var utf8)) return utf8;
        if (TryStrict(Strict(Cp949), bytes, out var korean) && korean.Any(IsHangul)) return korean;
        return (declared ?? fallback).GetString(bytes);
    }

    private static bool IsSevenBit(byte[] bytes) => !bytes.Any(b => b >= 0x80);

    private static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3' or >= '\u3131' and <= '\u318E';

    private static Encoding Strict(Encoding e) =>
        e is UTF8Encoding ? StrictUtf8 : Encoding.GetEncoding(e.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ExceptionFallback);

    private static bool TryStrict(Encoding strict, byte[] bytes, out string text)
    {
        try
        {
            text = strict.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private sealed class KoreanEncodingProvider : EncodingProvider
    {
        public static readonly KoreanEncodingProvider Instance = new();
        public static Encoding Cp949 => CodePagesEncodingProvider.Instance.GetEncoding(949)!;

        private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
        {
            "euc-kr", "euckr", "cseuckr", "ks_c_5601-1987", "ks_c_5601-1989", "ks_c_5601", "ksc_5601", "ksc5601", "korean",
            "csksc56011987", "iso-ir-149", "windows-949", "x-windows-949", "cp949", "ms949", "uhc", "x-uhc",
        };

        public override Encoding? GetEncoding(int codepage) => codepage == 51949 ? Cp949 : null;

        public override Encoding? GetEncoding(string name) => Names.Contains(name) ? Cp949 : null;

        public override Encoding? GetEncoding(int codepage, EncoderFallback encoderFallback, DecoderFallback decoderFallback) =>
            codepage is 51949 or 949 ? CodePagesEncodingProvider.Instance.GetEncoding(949, encoderFallback, decoderFallback) : null;
    }
}
