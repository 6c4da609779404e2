namespace XenActors.Xen.Network;

/// <summary>To the traffic generator; answered with <see cref="TrafficSent"/>.</summary>
public sealed record StopTraffic
{
    public static StopTraffic Instance { get; } = new();
}
