using XenActors.Actor;

namespace XenActors.Xen.Network;

/// <summary>A device was hot-added and its driver probed: enslave it (its link is seen up at the next MII poll).</summary>
public sealed record SlaveHotAdded(NicPath Path, IActorRef Device);
