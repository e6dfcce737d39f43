using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sori.Bench.Load;

/// <summary>
/// Tickets as an online shop receives them: mostly Korean, some English, about orders, delivery,
/// refunds and sizes, from a fixed pool of customers so repeat requesters hit the existing-customer path.
/// </summary>
public static class TicketCorpus
{
    public sealed record Requester(string Name, string Email);
    public sealed record Ticket(string Subject, string Body, Requester Requester);

    private static readonly string[] KoSurnames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"];
    private static readonly (string Hangul, string Latin)[] KoGiven =
    [
        ("민준", "minjun"), ("서연", "seoyeon"), ("도윤", "doyoon"), ("지우", "jiwoo"), ("하은", "haeun"), ("예준", "yejun"),
        ("수아", "sua"), ("시우", "siwoo"), ("지민", "jimin"), ("서준", "seojun"), ("하린", "harin"), ("유나", "yuna"),
    ];
    private static readonly string[] KoLatinSurnames = ["kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim", "han", "oh"];
    private static readonly string[] EnFirst = ["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Mia", "Lucas", "Sophie", "Daniel"];
    private static readonly string[] EnLast = ["Smith", "Brown", "Wilson", "Taylor", "Clark", "Walker", "Hall", "Young"];
    private static readonly string[] Domains = ["example.com", "example.net", "example.org", "mail.example.co.kr", "shop.example.kr"];

    private static readonly string[] KoSubjects =
    [
        "주문번호 {0} 배송이 아직 안 왔어요", "{0} 환불 요청드립니다", "사이즈 교환 가능한가요? (주문 {0})",
        "상품이 파손되어 도착했습니다 - {0}", "결제는 됐는데 주문 내역이 없어요", "배송지 변경 부탁드립니다 ({0})",
        "쿠폰이 적용되지 않아요", "영수증 발행 문의", "재입고 일정이 궁금합니다", "주문 취소하고 싶어요 {0}",
    ];
    private static readonly string[] KoSentences =
    [
        "안녕하세요.", "지난주에 주문했는데 아직 배송 조회가 되지 않습니다.", "받은 상품의 박스가 찢어져 있었고 안에 있던 컵이 깨져 있었어요.",
        "사이즈가 생각보다 작아서 한 치수 큰 걸로 교환하고 싶습니다.", "카드 결제는 승인되었는데 마이페이지에 주문이 보이지 않아요.",
        "회사로 받으려고 하는데 주소를 바꿀 수 있을까요?", "사진 첨부가 안 되어서 글로 먼저 남깁니다.", "빠른 답변 부탁드립니다.",
        "현금영수증은 사업자 번호로 발행해 주세요.", "선물용이라 이번 주 금요일까지 꼭 받아야 합니다.", "감사합니다.",
    ];
    private static readonly string[] EnSubjects =
    [
        "Where is my order {0}?", "Refund request for order {0}", "Item arrived damaged ({0})", "Can I change my shipping address?",
        "Wrong size delivered - {0}", "Discount code not working", "Do you ship to Canada?", "Cancel order {0} please",
    ];
    private static readonly string[] EnSentences =
    [
        "Hi there,", "I placed an order last week and tracking still shows nothing.", "The package was crushed and the mug inside is broken.",
        "I ordered a medium but received a small.", "I was charged twice for the same order.", "Could you send it to my office instead?",
        "This is a gift, so I need it by Friday.", "Please let me know what you need from me.", "Thanks in advance!",
    ];

    public static IReadOnlyList<Requester> Customers(int count, int seed)
    {
        var rnd = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var domain = Domains[rnd.Next(Domains.Length)];
            if (rnd.NextDouble() < 0.8)
            {
                var s = rnd.Next(KoSurnames.Length);
                var g = KoGiven[rnd.Next(KoGiven.Length)];
                return new Requester(KoSurnames[s] + g.Hangul, $"{g.Latin}.{KoLatinSurnames[s]}{i}@{domain}");
            }
            var (first, last) = (EnFirst[rnd.Next(EnFirst.Length)], EnLast[rnd.Next(EnLast.Length)]);
            return new Requester($"{first} {last}", $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{i}@{domain}");
        }).ToList();
    }

    public static IEnumerable<Ticket> Tickets(IReadOnlyList<Requester> customers, int count, int seed)
    {
        var rnd = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var korean = rnd.NextDouble() < 0.8;
            var (subjects, sentences) = korean ? (KoSubjects, KoSentences) : (EnSubjects, EnSentences);
            var order = $"{2025_0000_0000L + rnd.Next(1, 9_999_999)}";
            var subject = string.Format(subjects[rnd.Next(subjects.Length)], order);
            var body = string.Join(rnd.NextDouble() < 0.5 ? " " : "\n", Enumerable.Range(0, rnd.Next(2, 6)).Select(_ => sentences[rnd.Next(sentences.Length)]));
            yield return new Ticket(subject, $"{body}\n{(korean ? "주문번호" : "Order")}: {order}", customers[rnd.Next(customers.Count)]);
        }
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RequestBodies Build(int customers = 2000, int tickets = 4096, int seed = 20261123) =>
        new(Tickets(Customers(customers, seed), tickets, seed + 1).Select(t => JsonSerializer.SerializeToUtf8Bytes(t, Web)).ToList());
}
