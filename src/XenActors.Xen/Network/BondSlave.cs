using XenActors.Actor;

namespace XenActors.Xen.Network;

/// <summary>
/// One enslaved NIC. <see cref="Carrier"/> is what the device reports; <see cref="MiiUp"/> is what the MII
/// monitor last saw, and only that decides the active slave (so a surprise loss of carrier costs up to one miimon).
/// </summary>
public sealed record BondSlave(NicPath Path, IActorRef Device, bool Carrier, bool MiiUp);
