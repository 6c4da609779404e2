namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_memory_mapping (remove). Answered with <c>XenResult</c>.</summary>
public sealed record HvUnmapMmio(int Caller, int Domid, long FirstGfn, long Count) : IHypervisorRequest;
