namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_assign_device; DOMID_IO quarantines (the assignable pool). Answered with <c>XenResult</c>.</summary>
public sealed record HvAssignDevice(Sbdf Device, int Domid) : IHypervisorRequest;
