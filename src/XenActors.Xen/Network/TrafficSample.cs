namespace XenActors.Xen.Network;

/// <summary>Packets that arrived on each path within one sample window.</summary>
public sealed record TrafficSample(DateTimeOffset Start, TimeSpan Width, int Physical, int Virtual);
