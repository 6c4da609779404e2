using XenActors.Actor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// The host's hypervisor as an actor: answers hypercall-shaped requests that come by message (from other
/// processes, or told) with the model's XenResult, through the host's <see cref="HypercallDispatcher"/>. Upcalls the
/// model raises during a request are delivered afterwards as <see cref="HvUpcall"/> messages to the actor bound to
/// that port or domain, with the pending bit consumed as the guest's handler would. Drivers in the same process
/// make their hypercalls directly on their own thread instead (<see cref="HypervisorClient"/>), as a vCPU traps
/// into the hypervisor: the actor is then only the address they found it by.
/// </summary>
public sealed class HypervisorActor : ReceiveActor
{
    private readonly SharedHypervisor _shared;

    public HypervisorActor(HypervisorOptions? options = null)
        : this(new SharedHypervisor(options))
    {
    }

    /// <summary>
    /// The actor over a model it may share with direct callers (migration, workloads, local drivers): each request
    /// holds the model's gate once, for the call, the reply and the upcalls it raised (Tell never blocks).
    /// </summary>
    public HypervisorActor(SharedHypervisor shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        _shared = shared;
        // Registered before any request is handled, so a local client that has seen one answer calls directly from then on.
        shared.Attach(Self);
        Receive<IHypervisorRequest>(r =>
        {
            if (r is HvWatchDomainDeaths w)
                Context.Watch(w.Watcher);
            lock (shared.Gate)
            {
                var reply = shared.Hypercalls.Handle(r);
                // A request told without a sender (HypervisorClient.Tell) has no one to answer: no dead letter per pci-op.
                if (!ReferenceEquals(Sender, Context.System.DeadLetters))
                    Sender.Tell(reply);
                shared.Hypercalls.DeliverUpcalls();
            }
        });
        Receive<Terminated>(t =>
        {
            lock (shared.Gate)
                shared.Hypercalls.ForgetWatcher(t.ActorRef);
        });
    }

    public static Props Props(HypervisorOptions? options = null) => Actor.Props.Create(() => new HypervisorActor(options));

    public static Props Props(SharedHypervisor shared) => Actor.Props.Create(() => new HypervisorActor(shared));

    /// <summary>
    /// Spawns the host's hypervisor and registers it for direct hypercalls at once, before the actor has started: a
    /// request told to it by message before that could otherwise be overtaken by a local driver's direct call.
    /// </summary>
    public static IActorRef Start(IActorRefFactory factory, string name, SharedHypervisor? shared = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        shared ??= new SharedHypervisor();
        var hypervisor = factory.ActorOf(Props(shared), name);
        shared.Attach(hypervisor);
        return hypervisor;
    }

    protected override void PostStop() => _shared.Detach(Self);
}
