namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_deassign_device: back to quarantine. Answered with <c>XenResult</c>.</summary>
public sealed record HvDeassignDevice(Sbdf Device, int Domid) : IHypervisorRequest;
