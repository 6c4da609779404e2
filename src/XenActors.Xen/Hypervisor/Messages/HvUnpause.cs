namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_unpausedomain; held-back upcalls are delivered. Answered with <c>XenResult</c>.</summary>
public sealed record HvUnpause(int Domid) : IHypervisorRequest;
