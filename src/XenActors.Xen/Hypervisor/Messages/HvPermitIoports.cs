namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_ioport_permission, issued by a device model for its guest. Answered with <c>XenResult</c>.</summary>
public sealed record HvPermitIoports(int Caller, int Domid, int First, int Count, bool Allow) : IHypervisorRequest;
