namespace XenActors.Xen.Network;

/// <summary>To the traffic generator: the guest is paused (last iteration of a migration); it sends nothing.</summary>
public sealed record GuestSuspended
{
    public static GuestSuspended Instance { get; } = new();
}
