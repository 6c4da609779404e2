namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>PHYSDEVOP_unmap_pirq. Answered with <c>XenResult</c>.</summary>
public sealed record HvUnmapPirq(int Caller, int Domid, int Pirq) : IHypervisorRequest;
