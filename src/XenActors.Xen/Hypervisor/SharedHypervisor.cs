using XenActors.Actor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// One host's hypervisor model shared by its <see cref="HypervisorActor"/> (requests by message), by drivers in the
/// same process that make hypercalls directly (<see cref="Call"/>), and by code that calls the model itself under
/// <see cref="Gate"/> (the migration engine and a guest's workload). Every call holds the gate, so the
/// thread-confined model never sees two callers at once. Upcalls raised inside a call are queued here and
/// delivered by the <see cref="Hypercalls"/> table at the end of the call; log events go on to
/// <paramref name="observer"/> (e.g. a drill timeline).
/// </summary>
public sealed class SharedHypervisor : IEventSink
{
    private readonly Queue<HvUpcall> upcalls = new();
    private readonly IEventSink? observer;
    private IActorRef? actor;

    public SharedHypervisor(HypervisorOptions? options = null, IEventSink? observer = null)
    {
        this.observer = observer;
        Model = new XenHypervisor(options, this);
        Hypercalls = new HypercallDispatcher(this);
    }

    /// <summary>Held by every caller of <see cref="Model"/>.</summary>
    public Lock Gate { get; } = new();

    public XenHypervisor Model { get; }

    internal HypercallDispatcher Hypercalls { get; }

    /// <summary>True while the host's hypervisor actor runs: direct hypercalls are served only then, as messages would be.</summary>
    internal bool IsRunning => Volatile.Read(ref actor) is not null;

    /// <summary>
    /// A hypercall made on the caller's own thread, as a vCPU traps into the hypervisor: the model call, then the
    /// upcalls it raised, under the gate; returns what the actor would have replied. For drivers in this process.
    /// </summary>
    internal object Call(IHypervisorRequest request) => CallAll([request])!;

    /// <summary>
    /// HYPERVISOR_multicall: the calls in order under one hold of the gate, then the upcalls they raised; returns the
    /// last call's reply (null for none). A call that throws ends the batch there, before the upcalls are delivered.
    /// </summary>
    internal object? CallAll(ReadOnlySpan<IHypervisorRequest> requests)
    {
        lock (Gate)
        {
            object? reply = null;
            foreach (var request in requests)
                reply = Hypercalls.Handle(request);
            Hypercalls.DeliverUpcalls();
            return reply;
        }
    }

    internal void Attach(IActorRef hypervisor)
    {
        Hypercalls.Self = hypervisor;
        Volatile.Write(ref actor, hypervisor);
        LocalHypervisors.Register(hypervisor, this);
    }

    internal void Detach(IActorRef hypervisor)
    {
        LocalHypervisors.Unregister(hypervisor);
        Interlocked.CompareExchange(ref actor, null, hypervisor);
    }

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
