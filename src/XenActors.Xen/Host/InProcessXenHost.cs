using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pciback;
using XenActors.Xen.Store;
using XenActors.Xen.XenStore;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Host;

/// <summary>
/// One emulated Xen host inside one ActorSystem: hypervisor, XenStore (on a core that a socket
/// server may share), dom0's xend, pciback (in dom0, or in a driver domain of its own), and a launcher
/// for guest kernels and HVM device models. Every domain's actors are separate and communicate only
/// by messages, the store and the hypervisor; ioemu reaches the same hypervisor actor as everyone else.
/// </summary>
public sealed class InProcessXenHost
{
    /// <param name="driverDomain">
    /// Runs pciback in a driver domain with this id (created privileged before anything else, so guests
    /// are numbered after it) instead of dom0; it can then die on its own (<see cref="KillDriverDomain"/>).
    /// </param>
    /// <param name="hypervisor">A model this host's hypervisor actor shares with direct callers (a drill's migration engine).</param>
    public InProcessXenHost(ActorSystem system, PciInventory inventory, SharedXenStore? store = null, TimeSpan? timeout = null, Func<int, string>? magicFor = null, string prefix = "", int? driverDomain = null, SharedHypervisor? hypervisor = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        Store = store ?? new SharedXenStore();
        Inventory = inventory;
        Hypervisor = HypervisorActor.Start(system, prefix + "hypervisor", hypervisor);
        XenStore = system.ActorOf(XenStoreActor.Props(Store), prefix + "xenstore");
        DriverDomid = driverDomain ?? 0;
        if (driverDomain is { } dd)
            BuildDriverDomain(dd);
        Pciback = system.ActorOf(PcibackDriver.Props(XenStore, Hypervisor, inventory, DriverDomid), prefix + $"dom{DriverDomid}-pciback");
        Launcher = system.ActorOf(GuestLauncher.Props(XenStore, Hypervisor, magicFor, inventory), prefix + "launcher");
        Xend = system.ActorOf(XendActor.Props(XenStore, Hypervisor, inventory, Launcher, DriverDomid, timeout), prefix + "xend");
    }

    public ActorSystem System { get; }

    public SharedXenStore Store { get; }

    public PciInventory Inventory { get; }

    public IActorRef Hypervisor { get; }

    public IActorRef XenStore { get; }

    /// <summary>The domain pciback runs in (0 for dom0).</summary>
    public int DriverDomid { get; }

    public IActorRef Pciback { get; }

    public IActorRef Launcher { get; }

    public IActorRef Xend { get; }

    public Task<XmResult> Xm(object command, TimeSpan? timeout = null) => Xend.Ask<XmResult>(command, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// The driver domain crashes: its pciback stops answering and the hypervisor destroys the domain
    /// (xend hears of it through VIRQ_DOM_EXC). Completes when the hypervisor has destroyed it.
    /// </summary>
    public async Task KillDriverDomain()
    {
        if (DriverDomid == 0)
            throw new InvalidOperationException("pciback runs in dom0 on this host");
        System.Stop(Pciback);
        (await new HypervisorClient(Hypervisor).CallAsync(new HvDestroyDomain(DriverDomid))).ThrowIfFailed();
    }

    /// <summary>Told in order before xend exists, so every later request sees the domain.</summary>
    private void BuildDriverDomain(int domid) => DriverDomain.Build(Hypervisor, XenStore, domid);
}
