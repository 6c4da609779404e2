namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>Which machine address a guest MMIO access reaches (the p2m lookup). Answered with <c>XenResult&lt;ulong&gt;</c>.</summary>
public sealed record HvTranslateMmio(int Domid, ulong GuestPhysical) : IHypervisorRequest;
