namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>Deliveries per vCPU of a guest (or one pirq), and redirections. Answered with <c>XenResult&lt;InterruptStats&gt;</c>.</summary>
public sealed record HvGetInterruptStats(int Domid, int? Pirq) : IHypervisorRequest;
