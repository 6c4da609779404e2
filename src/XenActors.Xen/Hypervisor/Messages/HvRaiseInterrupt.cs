namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>The physical device signals an interrupt; it is delivered to whoever routes it. Answered with <c>XenResult&lt;IReadOnlyList&lt;InterruptDelivery&gt;&gt;</c>.</summary>
public sealed record HvRaiseInterrupt(InterruptSource Source) : IHypervisorRequest;
