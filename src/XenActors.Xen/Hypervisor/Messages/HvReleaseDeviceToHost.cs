using XenActors.Xen.Pci;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>pci-assignable-remove: from the pool back to the host. Answered with <c>XenResult</c>.</summary>
public sealed record HvReleaseDeviceToHost(PciAddress Device) : IHypervisorRequest;
