using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_irq_permission (part of enabling a device's I/O resources). Answered with <c>XenResult</c>.</summary>
public sealed record HvPermitIrq(int Domid, int Gsi, bool Allow, int Caller = DomainIds.Dom0) : IHypervisorRequest;
