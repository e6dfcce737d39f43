using Sori.Core.Common;

namespace Sori.Core.Tickets;

public sealed partial class Ticket
{
    /// <summary>
    /// Notes on the timeline that a macro is applied; the changes it makes are recorded by the
    /// methods that make them, right after.
    /// </summary>
    public void RecordMacroApplied(long macroId, string title, Actor actor, DateTime now)
    {
        EnsureOpenForChanges();
        Record(actor, now, "macro_applied", "macro", macroId.ToString(System.Globalization.CultureInfo.InvariantCulture), title);
    }
}
