using System.Text;
using MimeKit;

namespace Sori.Testing;

/// <summary>One generated message: its raw MIME, its Message-ID and whether it repeats an earlier one.</summary>
public sealed record SyntheticMessage(byte[] Raw, string MessageId, bool IsRedelivery, bool IsReply);

/// <summary>
/// Realistic customer mail for the crash test and the benchmarks, reproducible from a seed: mostly
/// Korean (UTF-8 in base64 or quoted-printable, some EUC-KR as older clients send it), some English,
/// plain or text + HTML, the odd small attachment, mail-server headers, and conversations: a first
/// message, then answers that quote it and carry In-Reply-To and References. Optionally an earlier
/// message again, byte for byte, as a server redelivers it after a crash.
/// </summary>
public sealed class SyntheticMail(int seed, string to, string domain = "example.kr")
{
    private static readonly string[] KoreanSubjects = ["환불 문의드립니다", "배송이 아직 안 왔어요", "교환 요청", "주문 취소 가능할까요?", "상품 불량 문의", "결제 오류", "쿠폰 적용이 안 됩니다", "회원 정보 변경"];
    private static readonly string[] KoreanBodies =
    [
        "안녕하세요. 지난주에 주문한 상품이 아직 도착하지 않았습니다. 배송 조회를 해 보니 며칠째 같은 곳에 머물러 있네요. 확인 부탁드립니다.",
        "주문번호 {0} 상품을 받았는데 포장이 찢어져 있었고 제품에 흠집이 있습니다. 사진 첨부합니다. 교환이나 환불 가능할까요?",
        "결제는 완료됐다고 나오는데 주문 내역에는 보이지 않습니다. 카드에서는 금액이 빠져나갔어요. 어떻게 된 건지 알려 주세요.",
        "사이즈가 맞지 않아 한 치수 큰 것으로 교환하고 싶습니다. 반품 택배는 어떻게 보내면 되나요?",
        "쿠폰 코드를 입력했는데 '사용할 수 없는 쿠폰'이라고만 나옵니다. 유효기간은 아직 남아 있어요.",
    ];
    private static readonly string[] EnglishSubjects = ["Refund request", "Where is my order?", "Wrong item received", "Cancel my order please", "Payment failed"];
    private static readonly string[] EnglishBodies =
    [
        "Hello, I ordered a pair of shoes last week (order {0}) and the tracking has not moved for four days. Could you check with the courier?",
        "Hi, the parcel arrived today but it contains a different colour than the one I ordered. How do I send it back?",
        "Please cancel order {0}; I placed it twice by mistake. Thank you.",
    ];
    private static readonly string[] FamilyNames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
    private static readonly string[] GivenNames = ["민지", "서준", "지우", "하은", "도윤", "서연", "예준", "수아", "시우", "지민"];
    private static readonly string[] EnglishNames = ["Emily Clark", "James Lee", "Olivia Park", "Daniel Kim", "Sophia Choi"];

    static SyntheticMail() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly Random _random = new(seed);
    private readonly List<(MimeMessage Message, byte[] Raw, string Sender, string Name, bool English)> _sent = [];
    private int _next;

    /// <summary>
    /// <paramref name="count"/> messages from <paramref name="senders"/> customers: about
    /// <paramref name="replyShare"/> answer an earlier message of the same sender, and
    /// <paramref name="redeliveryShare"/> repeat an earlier message exactly.
    /// </summary>
    public List<SyntheticMessage> Generate(int count, int senders, double replyShare = 0.2, double redeliveryShare = 0.0)
    {
        var result = new List<SyntheticMessage>(count);
        while (result.Count < count)
        {
            var roll = _random.NextDouble();
            if (_sent.Count > 0 && roll < redeliveryShare)
            {
                var earlier = _sent[_random.Next(_sent.Count)];
                result.Add(new SyntheticMessage(earlier.Raw, earlier.Message.MessageId!, true, earlier.Message.InReplyTo is not null));
                continue;
            }
            var reply = _sent.Count > 0 && roll < redeliveryShare + replyShare;
            var (message, sender, name, english) = reply ? Reply(_sent[_random.Next(Math.Max(0, _sent.Count - 200), _sent.Count)]) : First(senders);
            using var raw = new MemoryStream();
            message.WriteTo(FormatOptions.Default, raw);
            var bytes = raw.ToArray();
            _sent.Add((message, bytes, sender, name, english));
            result.Add(new SyntheticMessage(bytes, message.MessageId!, false, reply));
        }
        return result;
    }

    private (MimeMessage, string, string, bool) First(int senders)
    {
        var n = _random.Next(senders);
        var english = n % 5 == 4;
        var name = english ? EnglishNames[n % EnglishNames.Length] : FamilyNames[n % FamilyNames.Length] + GivenNames[n / FamilyNames.Length % GivenNames.Length];
        var sender = $"customer{n}@{(n % 3 == 0 ? "mail." : "")}{domain}";
        var subject = english ? Pick(EnglishSubjects) : Pick(KoreanSubjects);
        var body = string.Format(english ? Pick(EnglishBodies) : Pick(KoreanBodies), $"2026{_random.Next(10_000_000, 99_999_999)}");
        var message = Envelope(name, sender, english ? subject : $"{subject} ({_random.Next(1000, 9999)})");
        message.Body = Body(body + Signature(english, name), english, attach: _random.NextDouble() < 0.05);
        return (message, sender, name, english);
    }

    private (MimeMessage, string, string, bool) Reply((MimeMessage Message, byte[] Raw, string Sender, string Name, bool English) to)
    {
        var subject = to.Message.Subject ?? "";
        var message = Envelope(to.Name, to.Sender, subject.StartsWith("Re:", StringComparison.Ordinal) ? subject : "Re: " + subject);
        message.InReplyTo = to.Message.MessageId;
        foreach (var r in to.Message.References) message.References.Add(r);
        message.References.Add(to.Message.MessageId!);
        var answer = to.English ? "Any news on this? I am still waiting." : "답변 기다리고 있습니다. 확인 부탁드려요.";
        var quoted = string.Join("\n", (to.Message.TextBody ?? "").Split('\n').Take(8).Select(l => "> " + l));
        var header = to.English ? $"On {to.Message.Date:ddd, d MMM yyyy} {to.Name} <{to.Sender}> wrote:" : $"{to.Message.Date:yyyy년 M월 d일} {to.Name} <{to.Sender}>님이 작성:";
        message.Body = Body($"{answer}\n\n{header}\n{quoted}", to.English, attach: false);
        return (message, to.Sender, to.Name, to.English);
    }

    private MimeMessage Envelope(string name, string sender, string subject)
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress(name, sender));
        m.To.Add(MailboxAddress.Parse(to));
        m.Subject = subject;
        m.MessageId = $"{seed}.{_next++}.{_random.Next():x8}@{domain}";
        m.Date = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(9)).AddMinutes(_next);
        m.Headers.Add("Received", $"from mx{_random.Next(1, 9)}.{domain} (mx.{domain} [203.0.113.{_random.Next(1, 254)}]) by mail.shop.example.kr with ESMTPS id {_random.Next():x}; {m.Date:R}");
        m.Headers.Add("X-Mailer", Pick(["Microsoft Outlook 16.0", "Apple Mail (2.3774)", "Naver Mail", "Daum Mail", "Gmail"]));
        return m;
    }

    private MimeEntity Body(string text, bool english, bool attach)
    {
        var euckr = !english && _random.NextDouble() < 0.2;
        var plain = new TextPart("plain") { ContentTransferEncoding = _random.NextDouble() < 0.5 ? ContentEncoding.Base64 : ContentEncoding.QuotedPrintable };
        plain.SetText(euckr ? Encoding.GetEncoding("euc-kr") : Encoding.UTF8, text);
        MimeEntity body = plain;
        if (_random.NextDouble() < 0.4)
        {
            var html = new TextPart("html") { ContentTransferEncoding = ContentEncoding.Base64 };
            html.SetText(Encoding.UTF8, "<div>" + string.Join("</div><div>", text.Split('\n').Select(System.Net.WebUtility.HtmlEncode)) + "</div>");
            body = new MultipartAlternative { plain, html };
        }
        if (!attach) return body;
        var photo = new byte[_random.Next(2_000, 20_000)];
        _random.NextBytes(photo);
        return new Multipart("mixed")
        {
            body,
            new MimePart("image", "jpeg") { Content = new MimeContent(new MemoryStream(photo)), FileName = "사진.jpg", ContentTransferEncoding = ContentEncoding.Base64 },
        };
    }

    /// <summary>The messages as one mbox file (mboxrd: body lines starting with "From " get a '>').</summary>
    public static byte[] ToMbox(IEnumerable<SyntheticMessage> messages)
    {
        using var mbox = new MemoryStream();
        foreach (var m in messages)
        {
            mbox.Write("From MAILER-DAEMON Mon Mar  2 09:00:00 2026\n"u8);
            foreach (var line in Encoding.Latin1.GetString(m.Raw).Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
            {
                var escaped = line.TrimStart('>').StartsWith("From ", StringComparison.Ordinal) ? ">" + line : line;
                mbox.Write(Encoding.Latin1.GetBytes(escaped + "\n"));
            }
            mbox.Write("\n"u8);
        }
        return mbox.ToArray();
    }

    private static string Signature(bool english, string name) => english ? $"\n\n--\n{name}" : $"\n\n감사합니다.\n{name} 드림";

    private string Pick(string[] options) => options[_random.Next(options.Length)];
}
