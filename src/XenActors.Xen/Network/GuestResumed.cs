namespace XenActors.Xen.Network;

/// <summary>To the traffic generator: the guest runs again.</summary>
public sealed record GuestResumed
{
    public static GuestResumed Instance { get; } = new();
}
