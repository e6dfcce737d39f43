using Sori.Core.Conversations.Inbound;

namespace Sori.Core.Tests.Email;

public sealed class QuotedTextTests
{
    [Theory]
    [InlineData("네, 그 주소로 보내주세요.\n\nOn Mon, 2 Mar 2026 at 09:00, Sori Help <help@shop.kr> wrote:\n> 주소를 알려주세요.")]
    [InlineData("네, 그 주소로 보내주세요.\n\n2026년 3월 2일 (월) 오전 9:00, 소리샵 고객센터 <help@shop.kr>님이 작성:\n> 주소를 알려주세요.")]
    [InlineData("네, 그 주소로 보내주세요.\n\n-----Original Message-----\nFrom: help@shop.kr\n주소를 알려주세요.")]
    [InlineData("네, 그 주소로 보내주세요.\n\n----- 원본 메시지 -----\n보낸 사람: help@shop.kr\n주소를 알려주세요.")]
    [InlineData("네, 그 주소로 보내주세요.\n\n보낸 사람: 소리샵 <help@shop.kr>\n보낸 날짜: 2026년 3월 2일 월요일 오전 9:00\n받는 사람: 김민지\n제목: 주소\n\n주소를 알려주세요.")]
    [InlineData("네, 그 주소로 보내주세요.\n\nFrom: Sori Help <help@shop.kr>\nSent: Monday, March 2, 2026 9:00 AM\nTo: Kim\n\n주소를 알려주세요.")]
    [InlineData("네, 그 주소로 보내주세요.\n\n> 주소를 알려주세요.\n> 감사합니다.")]
    [InlineData("네, 그 주소로 보내주세요.\n\n-- \n김민지\n010-1234-5678")]
    public void TrimReply_RemovesHistoryAndSignature(string text) =>
        Assert.Equal("네, 그 주소로 보내주세요.", QuotedText.TrimReply(text));

    [Fact]
    public void TrimReply_NothingNewAboveTheQuote_KeepsEverything()
    {
        var text = "On Mon, 2 Mar 2026 at 09:00, Sori <help@shop.kr> wrote:\n> 주소";
        Assert.Equal(text, QuotedText.TrimReply(text));
    }

    [Fact]
    public void TrimReply_InlineAnswersBetweenQuotes_AreKept()
    {
        var text = "> 주문번호는요?\n12345 입니다.\n> 주소는요?\n서울시 중구";
        Assert.Contains("12345 입니다.", QuotedText.TrimReply(text));
        Assert.Contains("서울시 중구", QuotedText.TrimReply(text));
    }

    [Fact]
    public void TrimReplyHtml_RemovesGmailAndOutlookHistory()
    {
        Assert.DoesNotContain("옛날", QuotedText.TrimReplyHtml("<div>새 답장</div><div class=\"gmail_quote\"><blockquote>옛날</blockquote></div>"));
        var outlook = QuotedText.TrimReplyHtml("<div>새 답장</div><hr><div id=\"divRplyFwdMsg\">From: help</div><div>옛날</div>");
        Assert.Contains("새 답장", outlook);
        Assert.DoesNotContain("옛날", outlook);
    }
}
