namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>The pirq a source is already mapped to in the guest (a shared INTx line). Answered with <c>XenResult&lt;int&gt;</c>.</summary>
public sealed record HvFindPirq(int Domid, InterruptSource Source) : IHypervisorRequest;
