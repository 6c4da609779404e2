using XenActors.Actor;
using XenActors.Xen.Pcifront;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Host;

/// <summary>
/// In-process stand-in for starting a domain's node: each started PV guest gets its own kernel actor
/// (a separate actor tree, talking only through the store and the hypervisor). Answers
/// <see cref="GuestKernelOf"/> with the kernel's ref (or Nobody).
/// </summary>
public sealed class GuestLauncher : ReceiveActor
{
    private readonly Dictionary<int, IActorRef> _kernels = [];

    public GuestLauncher(IActorRef store, IActorRef hypervisor, Func<int, string> magicFor)
    {
        Receive<GuestStarted>(g => _kernels[g.Domid] = Context.ActorOf(PvGuestKernel.Props(store, hypervisor, g.Domid, magicFor(g.Domid)), $"dom{g.Domid}"));
        Receive<GuestKernelOf>(q => Sender.Tell(_kernels.GetValueOrDefault(q.Domid) ?? ActorRefs.Nobody));
        Receive<StopGuestKernel>(s =>
        {
            if (_kernels.Remove(s.Domid, out var k))
                Context.Stop(k);
        });
    }

    public static Props Props(IActorRef store, IActorRef hypervisor, Func<int, string>? magicFor = null) =>
        Actor.Props.Create(() => new GuestLauncher(store, hypervisor, magicFor ?? (_ => PciIf.Magic)));
}
