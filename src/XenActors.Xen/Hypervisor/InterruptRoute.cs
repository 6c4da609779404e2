namespace XenActors.Xen.Hypervisor;

/// <summary>A physical interrupt mapped to a domain's pirq, with the vCPU the guest programmed and delivery counters.</summary>
internal sealed class InterruptRoute(int domain, int pirq, InterruptSource source, int vcpus)
{
    public int Domain { get; } = domain;

    public int Pirq { get; } = pirq;

    public InterruptSource Source { get; } = source;

    /// <summary>The destination the guest wrote into the MSI address or IO-APIC entry (or bind_vcpu).</summary>
    public int TargetVcpu { get; set; }

    /// <summary>Event channel bound with EVTCHNOP_bind_pirq, 0 when none (HVM emulated delivery).</summary>
    public int Port { get; set; }

    public long[] DeliveriesPerVcpu { get; } = new long[vcpus];

    public long Redirections { get; set; }
}
