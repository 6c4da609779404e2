namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_destroydomain: ports close, grants go, PCI functions return to quarantine (the pool). Answered with <c>XenResult</c>.</summary>
public sealed record HvDestroyDomain(int Domid) : IHypervisorRequest;
