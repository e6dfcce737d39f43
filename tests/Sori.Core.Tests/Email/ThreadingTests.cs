using Sori.Core.Conversations.Inbound;

namespace Sori.Core.Tests.Email;

public sealed class ThreadingTests
{
    [Theory]
    [InlineData(false, false, false, ThreadDecision.New)]
    [InlineData(false, true, true, ThreadDecision.New)]
    [InlineData(true, false, true, ThreadDecision.Join)]
    [InlineData(true, true, true, ThreadDecision.FollowUp)]
    [InlineData(true, false, false, ThreadDecision.UnverifiedSender)]
    [InlineData(true, true, false, ThreadDecision.UnverifiedSender)]
    public void Decide_Table(bool matched, bool closed, bool senderBelongs, ThreadDecision expected) =>
        Assert.Equal(expected, Threading.Decide(matched, closed, senderBelongs));

    [Fact]
    public void CandidateIds_InReplyToFirst_ThenReferencesNewestFirst_NoRepeats() =>
        Assert.Equal(["c", "b", "a"], Threading.CandidateIds(["c"], ["a", "b", "c"]));

    [Fact]
    public void CandidateIds_OutlookRewroteInReplyTo_ReferencesStillCount() =>
        Assert.Equal(["outlook-local", "sori-2", "sori-1"], Threading.CandidateIds(["outlook-local"], ["sori-1", "sori-2"]));

    [Fact]
    public void CandidateIds_AreBounded() =>
        Assert.Equal(Threading.MaxReferences, Threading.CandidateIds([], Enumerable.Range(0, 500).Select(i => $"id{i}").ToList()).Count);

    [Theory]
    [InlineData("Re: 환불 문의 [#1234]", 1234L)]
    [InlineData("[#7] 배송", 7L)]
    [InlineData("주문 #1234 문의", null)]
    [InlineData("[#] x", null)]
    [InlineData("[#99999999999999999999] overflow", null)]
    public void SubjectToken_FindsTheTicketNumber(string subject, long? expected) =>
        Assert.Equal(expected, Threading.SubjectToken(subject));

    [Fact]
    public void WithToken_AddsItOnce() =>
        Assert.Equal("환불 문의 [#12]", Threading.WithToken(Threading.WithToken("환불 문의", 12), 12));
}
