namespace Sori.Core.Conversations.Inbound.Filters;

/// <summary>Mail from one of our own addresses, or marked with X-Loop by us, would answer itself forever.</summary>
public sealed class LoopFilter : IInboundFilter
{
    public void Inspect(InboundMessage m, InboundContext context, InboundVerdict verdict)
    {
        if (m.From is { } from && context.OwnAddresses.Contains(from.Address))
            verdict.Classify(InboundKind.Loop, $"sent from our own address {from.Address}");
        if (m.Header("x-loop") is { } loop)
        {
            var value = loop.ToLowerInvariant();
            if (value.Contains("sori") || context.OwnAddresses.Any(a => value.Contains(a)))
                verdict.Classify(InboundKind.Loop, "X-Loop names this desk");
        }
    }
}
