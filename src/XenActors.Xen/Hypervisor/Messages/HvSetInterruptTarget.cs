namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>Binds a pirq to a vCPU (XEN_DOMCTL_bind_pt_irq with a new destination). Answered with <c>XenResult</c>.</summary>
public sealed record HvSetInterruptTarget(int Caller, int Domid, int Pirq, int Vcpu) : IHypervisorRequest;
