namespace Sori.Web.Workers;

/// <summary>Bound from "Sori:Workers": whether this process runs the background workers, and its name in leases.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Sori:Workers";

    /// <summary>Off for processes that should only serve requests (or tests that drive the workers' passes themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Names this node in leases (LockedBy); defaults to host name and process id.</summary>
    public string? NodeId { get; set; }

    /// <summary>
    /// The id one worker writes to LockedBy. The random tail keeps ids unique even when two nodes are
    /// configured with the same NodeId: a claim recognizes its rows by this id.
    /// </summary>
    public string NodeIdFor(string worker)
    {
        var node = string.IsNullOrWhiteSpace(NodeId) ? $"{Environment.MachineName}:{Environment.ProcessId}" : NodeId.Trim();
        var id = $"{node}:{worker}:{Guid.NewGuid().ToString("N")[..8]}";
        return id.Length <= 64 ? id : id[^64..]; // the column holds 64; keep the unique tail
    }
}
