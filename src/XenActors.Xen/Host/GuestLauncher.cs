using XenActors.Actor;
using XenActors.Xen.Hvm;
using XenActors.Xen.Ioemu;
using XenActors.Xen.Pci;
using XenActors.Xen.Pcifront;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Host;

/// <summary>
/// In-process stand-in for starting a domain's node: each started PV guest gets its own kernel actor
/// (a separate actor tree, talking only through the store and the hypervisor); an HVM guest gets its
/// kernel and its ioemu, whose hypercalls go to the host's one hypervisor actor. Answers
/// <see cref="GuestKernelOf"/> and <see cref="DeviceModelOf"/> with a <see cref="DomainActor"/> (the ref, or Nobody). On a split host each
/// guest node runs one, and dom0's placement launcher sends it the same protocol (HVM: <see cref="StartHvmKernel"/>
/// and <see cref="StartDeviceModel"/>, so kernel and device model can live on different nodes).
/// </summary>
public sealed class GuestLauncher : ReceiveActor
{
    private readonly Dictionary<int, IActorRef> _kernels = [];
    private readonly Dictionary<int, IActorRef> _deviceModels = [];

    public GuestLauncher(IActorRef store, IActorRef hypervisor, PciInventory inventory, Func<int, string> magicFor)
    {
        Receive<GuestStarted>(g => _kernels[g.Domid] = Context.ActorOf(PvGuestKernel.Props(store, hypervisor, g.Domid, magicFor(g.Domid)), $"dom{g.Domid}"));
        Receive<HvmGuestStarted>(g =>
        {
            var kernel = Context.ActorOf(Actor.Props.Create(() => new GuestKernelActor(null)), $"dom{g.Domid}");
            var platform = new HypervisorActorPlatform(hypervisor);
            var options = g.DeviceModel;
            var ioemu = Context.ActorOf(Actor.Props.Create(() => new IoemuActor(options, platform, inventory, kernel)), $"ioemu-{g.Domid}");
            _kernels[g.Domid] = kernel;
            _deviceModels[g.Domid] = ioemu;
            Sender.Tell(new DeviceModelStarted(ioemu));
        });
        // Split host: the kernel here, the device model in dom0's node or a stub domain's node.
        Receive<StartHvmKernel>(s =>
        {
            var kernel = Context.ActorOf(Actor.Props.Create(() => new GuestKernelActor(null)), $"dom{s.Domid}");
            _kernels[s.Domid] = kernel;
            Sender.Tell(new HvmKernelStarted(s.Domid, kernel));
        });
        Receive<StartDeviceModel>(s =>
        {
            var platform = new HypervisorActorPlatform(hypervisor);
            var options = s.Options;
            var kernel = s.Kernel;
            var ioemu = Context.ActorOf(Actor.Props.Create(() => new IoemuActor(options, platform, inventory, kernel)), $"ioemu-{s.Domid}");
            _deviceModels[s.Domid] = ioemu;
            Sender.Tell(new DeviceModelStarted(ioemu));
        });
        Receive<GuestKernelOf>(q => Sender.Tell(new DomainActor(q.Domid, _kernels.GetValueOrDefault(q.Domid) ?? ActorRefs.Nobody)));
        Receive<DeviceModelOf>(q => Sender.Tell(new DomainActor(q.Domid, _deviceModels.GetValueOrDefault(q.Domid) ?? ActorRefs.Nobody)));
        Receive<StopGuestKernel>(s =>
        {
            if (_kernels.Remove(s.Domid, out var k))
                Context.Stop(k);
        });
        Receive<GuestDestroyed>(d =>
        {
            if (_kernels.Remove(d.Domid, out var k))
                Context.Stop(k);
            if (_deviceModels.Remove(d.Domid, out var dm))
                Context.Stop(dm);
        });
    }

    public static Props Props(IActorRef store, IActorRef hypervisor, Func<int, string>? magicFor = null, PciInventory? inventory = null) =>
        Actor.Props.Create(() => new GuestLauncher(store, hypervisor, inventory ?? new PciInventory(Array.Empty<PciFunction>()), magicFor ?? (_ => PciIf.Magic)));
}
