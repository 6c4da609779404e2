namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// What one operation costs in crossings between processes, from the nodes' message traces: the envelopes sent per
/// operation, and its critical path (<see cref="CriticalPath"/>): how many crossings lie on it, the time they took, and
/// the time spent inside each process between them. The one-way time of every message is given per link.
/// </summary>
public sealed record CrossingReport
{
    public int Operations { get; init; }

    public double MessagesP50 { get; init; }

    /// <summary>Crossings between processes on the critical path, one after the other.</summary>
    public double PathCrossingsP50 { get; init; }

    /// <summary>Time the critical path spent between processes (sender's enqueue to receiver's dispatch).</summary>
    public double PathTransitUsP50 { get; init; }

    /// <summary>Time the critical path spent inside the processes, from a message's arrival to the send it caused.</summary>
    public double PathInProcessUsP50 { get; init; }

    public IReadOnlyDictionary<string, double> PathInProcessUsP50ByNode { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Crossings on the critical path by the message that made them (type name without namespace), most first: what
    /// the protocol spends its turns on (pci-op upcalls, XenStore requests and answers, hypercalls).
    /// </summary>
    public IReadOnlyDictionary<string, double> PathCrossingsP50ByMessage { get; init; } = new Dictionary<string, double>();

    /// <summary>One-way time p50 of every message inside the operations.</summary>
    public double CrossingP50Us { get; init; }

    public IReadOnlyList<CrossingLink> Links { get; init; } = [];
}
