namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>The model's invariant violations (empty when sound). Answered with <c>IReadOnlyList&lt;string&gt;</c>.</summary>
public sealed record HvCheckInvariants : IHypervisorRequest;
