namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_memory_mapping (add): guest frames straight onto a BAR's machine frames. Answered with <c>XenResult</c>.</summary>
public sealed record HvMapMmio(int Caller, int Domid, long FirstGfn, long FirstMfn, long Count) : IHypervisorRequest;
