namespace XenActors.Xen.Drill;

/// <summary>A hot-plug completion brought into the drill actor's mailbox.</summary>
internal sealed record HotplugDone(HotplugResult Result);
