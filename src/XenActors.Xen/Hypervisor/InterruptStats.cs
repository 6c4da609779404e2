namespace XenActors.Xen.Hypervisor;

/// <summary>
/// Interrupt deliveries per vCPU and how many needed a redirection (landed on vCPU 0 first and were
/// forwarded to the guest-chosen vCPU), so the seed's "reduce interrupt redirection" is measurable.
/// </summary>
public sealed record InterruptStats(IReadOnlyList<long> DeliveriesPerVcpu, long Redirections)
{
    public long Total => DeliveriesPerVcpu.Sum();
}
