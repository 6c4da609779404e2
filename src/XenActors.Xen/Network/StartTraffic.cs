namespace XenActors.Xen.Network;

/// <summary>To the traffic generator.</summary>
public sealed record StartTraffic
{
    public static StartTraffic Instance { get; } = new();
}
