namespace Sori.Core.Tickets;

public enum TicketStatus { New, Open, Pending, OnHold, Solved, Closed }
public enum TicketPriority { Low, Normal, High, Urgent }
public enum TicketChannel { Email, Chat, WebForm, Api, Phone, Messenger }
public enum TicketType { Question, Incident, Problem, Task }
public enum MessageVisibility { Public, Internal }
public enum AuthorKind { Customer, Agent, Bot, System }

public static class TicketStatusRules
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> Allowed = new()
    {
        [TicketStatus.New] = [TicketStatus.Open, TicketStatus.Pending, TicketStatus.OnHold, TicketStatus.Solved],
        [TicketStatus.Open] = [TicketStatus.Pending, TicketStatus.OnHold, TicketStatus.Solved],
        [TicketStatus.Pending] = [TicketStatus.Open, TicketStatus.OnHold, TicketStatus.Solved],
        [TicketStatus.OnHold] = [TicketStatus.Open, TicketStatus.Pending, TicketStatus.Solved],
        [TicketStatus.Solved] = [TicketStatus.Open, TicketStatus.Closed],
        [TicketStatus.Closed] = [],
    };

    public static bool CanMove(TicketStatus from, TicketStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<TicketStatus> Next(TicketStatus from) => Allowed[from];

    /// <summary>Wire name in snake case, as the API and timeline use it ("on_hold").</summary>
    public static string ToWire<T>(T value) where T : struct, Enum => WireNames<T>.To[value];

    public static bool TryParseWire<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return text is not null && WireNames<T>.From.TryGetValue(text, out value);
    }

    private static class WireNames<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> To =
            Enum.GetValues<T>().ToDictionary(v => v, v => Snake(v.ToString()));
        public static readonly Dictionary<string, T> From =
            To.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
