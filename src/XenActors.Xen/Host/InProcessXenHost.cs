using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Pciback;
using XenActors.Xen.Store;
using XenActors.Xen.XenStore;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Host;

/// <summary>
/// One emulated Xen host inside one ActorSystem: hypervisor, XenStore (on a core that a socket
/// server may share), dom0's xend and pciback, and a launcher for guest kernels. Every domain's
/// actors are separate and communicate only by messages, the store and the hypervisor.
/// </summary>
public sealed class InProcessXenHost
{
    public InProcessXenHost(ActorSystem system, PciInventory inventory, SharedXenStore? store = null, TimeSpan? timeout = null, Func<int, string>? magicFor = null, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(system);
        Store = store ?? new SharedXenStore();
        Inventory = inventory;
        Hypervisor = system.ActorOf(HypervisorActor.Props(), prefix + "hypervisor");
        XenStore = system.ActorOf(XenStoreActor.Props(Store), prefix + "xenstore");
        Pciback = system.ActorOf(PcibackDriver.Props(XenStore, Hypervisor, inventory, 0), prefix + "dom0-pciback");
        Launcher = system.ActorOf(GuestLauncher.Props(XenStore, Hypervisor, magicFor), prefix + "launcher");
        Xend = system.ActorOf(XendActor.Props(XenStore, Hypervisor, inventory, Launcher, 0, timeout), prefix + "xend");
    }

    public SharedXenStore Store { get; }

    public PciInventory Inventory { get; }

    public IActorRef Hypervisor { get; }

    public IActorRef XenStore { get; }

    public IActorRef Pciback { get; }

    public IActorRef Launcher { get; }

    public IActorRef Xend { get; }

    public Task<XmResult> Xm(object command, TimeSpan? timeout = null) => Xend.Ask<XmResult>(command, timeout ?? TimeSpan.FromSeconds(30));
}
