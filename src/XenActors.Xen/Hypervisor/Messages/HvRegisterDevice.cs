using XenActors.Xen.Pci;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>PHYSDEVOP_pci_device_add: the host owns the function. Answered with <c>XenResult</c>.</summary>
public sealed record HvRegisterDevice(PciAddress Device, int? Gsi) : IHypervisorRequest;
