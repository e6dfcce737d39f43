using System.Text.RegularExpressions;

namespace Sori.Core.Conversations.Inbound;

/// <summary>Where a message goes once its candidate ticket (if any) is known.</summary>
public enum ThreadDecision
{
    /// <summary>No ticket matched: open a new one.</summary>
    New,
    /// <summary>Join the matched ticket.</summary>
    Join,
    /// <summary>The matched ticket is closed: a new ticket, linked to it.</summary>
    FollowUp,
    /// <summary>The sender is not part of the matched ticket: a new ticket, linked and flagged for review.</summary>
    UnverifiedSender,
}

/// <summary>The pure rules of threading; <see cref="ReceiveInboundMessage"/> looks up the facts.</summary>
public static partial class Threading
{
    public const int MaxReferences = 50;

    /// <summary>
    /// The ids to look up, most telling first: In-Reply-To, then References newest to oldest (a
    /// client such as Outlook may rewrite In-Reply-To, but the References chain still leads home).
    /// </summary>
    public static IReadOnlyList<string> CandidateIds(IReadOnlyList<string> inReplyTo, IReadOnlyList<string> references) =>
        inReplyTo.Concat(references.Reverse()).Where(id => id.Length is > 0 and <= 500).Distinct(StringComparer.Ordinal).Take(MaxReferences).ToList();

    /// <summary>The ticket number in a "[#1234]" subject token, as agent replies carry it.</summary>
    public static long? SubjectToken(string subject)
    {
        var m = Token().Match(subject);
        return m.Success && long.TryParse(m.Groups[1].ValueSpan, out var n) ? n : null;
    }

    public static string WithToken(string subject, long number) =>
        SubjectToken(subject) == number ? subject : $"{subject} [#{number}]";

    /// <param name="matched">A ticket was found by header or subject token (after following merges).</param>
    /// <param name="closed">That ticket is closed.</param>
    /// <param name="senderBelongs">The sender is the requester, a CC, an earlier sender on the ticket, or in the requester's organization.</param>
    public static ThreadDecision Decide(bool matched, bool closed, bool senderBelongs) =>
        !matched ? ThreadDecision.New
        : !senderBelongs ? ThreadDecision.UnverifiedSender
        : closed ? ThreadDecision.FollowUp
        : ThreadDecision.Join;

    [GeneratedRegex(@"\[#(\d{1,18})\]", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
