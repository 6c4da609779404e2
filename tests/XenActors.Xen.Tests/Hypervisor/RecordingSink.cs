using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Tests.Hypervisor;

/// <summary>Records every notification so specs can assert exactly which upcalls happened.</summary>
public sealed class RecordingSink : IEventSink
{
    public List<(int Domid, int Vcpu, int Port)> Upcalls { get; } = [];

    public List<(int Domid, int Vcpu, int Pirq)> Injected { get; } = [];

    public List<HypervisorEvent> Logged { get; } = [];

    public void Upcall(int domid, int vcpu, int port) => Upcalls.Add((domid, vcpu, port));

    public void InterruptInjected(int domid, int vcpu, int pirq) => Injected.Add((domid, vcpu, pirq));

    void IEventSink.Logged(HypervisorEvent hypervisorEvent) => Logged.Add(hypervisorEvent);
}
