using XenActors.Actor;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>Where upcalls of a domain (or of one of its ports, which wins) are delivered as HvUpcall messages: the guest kernel's evtchn handler. Answered with <c>XenResult</c>.</summary>
public sealed record HvBindUpcalls(int Domid, int? Port, IActorRef Handler) : IHypervisorRequest;
