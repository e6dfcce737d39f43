namespace Sori.Core.Conversations.Inbound;

/// <summary>What a message is, most decisive first: a loop beats a bounce beats spam beats an auto-reply.</summary>
public enum InboundKind { Normal, AutoReply, Spam, Bounce, Loop }

/// <summary>The filters' findings on one message; each filter adds to it.</summary>
public sealed class InboundVerdict
{
    public InboundKind Kind { get; private set; } = InboundKind.Normal;
    /// <summary>Sent by a program (Auto-Submitted, a null sender): kept, but never answered automatically.</summary>
    public bool Automated { get; set; }
    /// <summary>Mass mail (Precedence bulk/list, List-Id): kept, but never answered automatically.</summary>
    public bool Bulk { get; set; }
    public double SpamScore { get; private set; }
    public List<string> Reasons { get; } = [];

    public void Classify(InboundKind kind, string reason)
    {
        Reasons.Add(reason);
        if (kind > Kind) Kind = kind;
    }

    public void AddSpam(double score, string reason)
    {
        SpamScore += score;
        Reasons.Add($"spam +{score:0.#}: {reason}");
    }

    /// <summary>Nothing automatic (acknowledgements, surveys) may answer this message.</summary>
    public bool SuppressAutoResponses => Kind != InboundKind.Normal || Automated || Bulk;

    public string? Reason => Reasons.Count == 0 ? null : string.Join("; ", Reasons);
}

/// <summary>What the filters know about the desk: its own addresses (mail from them is a loop).</summary>
public sealed record InboundContext(IReadOnlySet<string> OwnAddresses, double SpamThreshold = 5.0);

/// <summary>One check on an inbound message. Filters only look; <see cref="ReceiveInboundMessage"/> acts.</summary>
public interface IInboundFilter
{
    void Inspect(InboundMessage message, InboundContext context, InboundVerdict verdict);
}
