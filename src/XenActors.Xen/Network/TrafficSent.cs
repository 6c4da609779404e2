namespace XenActors.Xen.Network;

/// <summary>How many packets the generator sent.</summary>
public sealed record TrafficSent(long Packets);
