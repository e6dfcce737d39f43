using Sori.Core.Conversations.Inbound.Filters;

namespace Sori.Core.Conversations.Inbound;

public static class InboundFilters
{
    /// <summary>The filters every channel runs, in order.</summary>
    public static IReadOnlyList<IInboundFilter> Default { get; } = [new LoopFilter(), new BounceFilter(), new AutomatedMailFilter(), new SpamFilter()];

    public static InboundVerdict Run(IEnumerable<IInboundFilter> filters, InboundMessage message, InboundContext context)
    {
        var verdict = new InboundVerdict();
        foreach (var f in filters) f.Inspect(message, context, verdict);
        return verdict;
    }
}
