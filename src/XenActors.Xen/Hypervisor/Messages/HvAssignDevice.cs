using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>
/// XEN_DOMCTL_assign_device; DOMID_IO quarantines (the assignable pool). <paramref name="Caller"/> is
/// dom0 (the toolstack) or the guest's stub device model. Answered with <c>XenResult</c>.
/// </summary>
public sealed record HvAssignDevice(PciAddress Device, int Domid, int Caller = DomainIds.Dom0) : IHypervisorRequest;
