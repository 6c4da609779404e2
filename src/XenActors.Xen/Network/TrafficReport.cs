namespace XenActors.Xen.Network;

/// <summary>What the sink measured: received, lost (sequence numbers never seen), duplicated, and per path.</summary>
public sealed record TrafficReport
{
    public long Sent { get; init; }

    public long Received { get; init; }

    public long Lost { get; init; }

    public long Duplicated { get; init; }

    public long ReceivedPhysical { get; init; }

    public long ReceivedVirtual { get; init; }

    public TimeSpan TimeOnPhysical { get; init; }

    public TimeSpan TimeOnVirtual { get; init; }

    /// <summary>Source MACs seen: one, if the bond kept its address across failovers.</summary>
    public IReadOnlyList<string> Macs { get; init; } = [];

    public IReadOnlyList<TrafficSample> Samples { get; init; } = [];
}
