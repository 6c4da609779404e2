using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_deassign_device: back to quarantine; <paramref name="Caller"/> as for assign. Answered with <c>XenResult</c>.</summary>
public sealed record HvDeassignDevice(PciAddress Device, int Domid, int Caller = DomainIds.Dom0) : IHypervisorRequest;
