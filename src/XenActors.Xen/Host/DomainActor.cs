using XenActors.Actor;

namespace XenActors.Xen.Host;

/// <summary>
/// The answer to <see cref="GuestKernelOf"/> and <see cref="DeviceModelOf"/>: the domain's actor, or Nobody if none.
/// A record rather than the bare ref, so it crosses between nodes like every other launcher message.
/// </summary>
public sealed record DomainActor(int Domid, IActorRef Actor);
