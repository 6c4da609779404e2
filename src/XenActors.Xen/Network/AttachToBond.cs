using XenActors.Actor;

namespace XenActors.Xen.Network;

/// <summary>To a NIC: report carrier changes to this bond.</summary>
public sealed record AttachToBond(IActorRef Bond);
