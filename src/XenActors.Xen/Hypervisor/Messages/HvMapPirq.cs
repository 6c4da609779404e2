namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>PHYSDEVOP_map_pirq for a GSI, MSI or MSI-X entry on behalf of the guest. Answered with <c>XenResult&lt;int&gt;</c> (the pirq).</summary>
public sealed record HvMapPirq(int Caller, int Domid, InterruptSource Source) : IHypervisorRequest;
