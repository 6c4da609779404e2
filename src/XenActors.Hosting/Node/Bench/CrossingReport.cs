namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// What one operation costs in crossings between processes, from the nodes' message traces: the envelopes sent per
/// operation, the turns (how often the sending process changes, in time order: the sequential crossings of a chain
/// like an attach), and the one-way time of a crossing (sender's enqueue to receiver's dispatch).
/// </summary>
public sealed record CrossingReport
{
    public int Operations { get; init; }

    public double MessagesP50 { get; init; }

    public double TurnsP50 { get; init; }

    public double CrossingP50Us { get; init; }

    /// <summary>Turns × crossing p50: an estimate of the time an operation spends crossing between processes, to set beside its p50.</summary>
    public double TurnsTimesCrossingUs { get; init; }

    public IReadOnlyList<CrossingLink> Links { get; init; } = [];
}
