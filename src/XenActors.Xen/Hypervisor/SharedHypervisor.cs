using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// One host's hypervisor model shared by its <see cref="HypervisorActor"/> (xend, pciback, pcifront talk to it
/// by message) and by code that calls the model directly under <see cref="Gate"/> (the migration engine and a
/// guest's workload). Every call, the actor's included, holds the gate, so the thread-confined model never
/// sees two callers at once. Upcalls raised inside a call are queued here and delivered by the actor after
/// its next request; log events go on to <paramref name="observer"/> (e.g. a drill timeline).
/// </summary>
public sealed class SharedHypervisor : IEventSink
{
    private readonly Queue<HvUpcall> upcalls = new();
    private readonly IEventSink? observer;

    public SharedHypervisor(HypervisorOptions? options = null, IEventSink? observer = null)
    {
        this.observer = observer;
        Model = new XenHypervisor(options, this);
    }

    /// <summary>Held by every caller of <see cref="Model"/>.</summary>
    public Lock Gate { get; } = new();

    public XenHypervisor Model { get; }

    void IEventSink.Upcall(int domid, int vcpu, int port)
    {
        upcalls.Enqueue(new HvUpcall(domid, port));
        observer?.Upcall(domid, vcpu, port);
    }

    void IEventSink.InterruptInjected(int domid, int vcpu, int pirq) => observer?.InterruptInjected(domid, vcpu, pirq);

    void IEventSink.Logged(HypervisorEvent hypervisorEvent) => observer?.Logged(hypervisorEvent);

    /// <summary>Next queued upcall; the caller holds <see cref="Gate"/>.</summary>
    internal bool TryDequeue(out HvUpcall upcall) => upcalls.TryDequeue(out upcall!);
}
