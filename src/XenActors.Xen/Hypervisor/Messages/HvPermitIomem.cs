namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_iomem_permission, issued by a device model for its guest. Answered with <c>XenResult</c>.</summary>
public sealed record HvPermitIomem(int Caller, int Domid, long FirstMfn, long Count, bool Allow) : IHypervisorRequest;
