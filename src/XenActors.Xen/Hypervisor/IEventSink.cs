namespace XenActors.Xen.Hypervisor;

/// <summary>
/// Where the hypervisor model reports what a real one would signal asynchronously.
/// The actor wrapper turns these into messages to the owning domain's node.
/// Calls happen synchronously inside the operation that caused them.
/// </summary>
public interface IEventSink
{
    /// <summary>A port became pending while unmasked (or was unmasked while pending) in a running domain: an upcall.</summary>
    void Upcall(int domid, int vcpu, int port);

    /// <summary>An interrupt with no event channel bound (HVM emulated delivery) was injected into a vCPU.</summary>
    void InterruptInjected(int domid, int vcpu, int pirq) { }

    /// <summary>Something was recorded in the hypervisor's event log.</summary>
    void Logged(HypervisorEvent hypervisorEvent) { }
}
