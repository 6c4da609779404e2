using XenActors.Actor;

namespace XenActors.Xen.Network;

/// <summary>The slave now reaches the network through another actor (netfront reconnected to the destination's netback).</summary>
public sealed record RebindSlave(NicPath Path, IActorRef Device);
