using XenActors.Xen.Pci;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_test_assign_device: may this function be assigned (it must be in the pool)? Answered with <c>XenResult</c>.</summary>
public sealed record HvTestAssignDevice(PciAddress Device) : IHypervisorRequest;
