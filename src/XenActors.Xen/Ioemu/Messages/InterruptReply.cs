using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>Where the interrupt went, or why it was not delivered (masked, disabled, not routed).</summary>
public sealed record InterruptReply(IReadOnlyList<InterruptDelivery> Deliveries, string? NotDelivered);
