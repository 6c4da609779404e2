using XenActors.Xen.Host;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Tests.Xend;

/// <summary>
/// While an attach waits for the drivers, xend watches only the end that moves last and @releaseDomain, as xend's
/// waitForBackend watches only the backend's state: watching the directories woke dom0 for every dev-N, vdev-N and
/// root-K the drivers wrote. The wait's watches go with it.
/// </summary>
public sealed class XendWatchSpec : TestKit.TestKit
{
    private const int DriverDomain = 1;
    private const string WaitToken = "wait";
    private readonly HostProbe probe;

    public XendWatchSpec()
    {
        var inventory = new PciInventory([SyntheticDevices.UsbControllerSet(), SyntheticDevices.SimpleNic()]);
        // A time-out no assertion here outlasts: a wait ends only when the guest dies.
        probe = new HostProbe(new InProcessXenHost(Sys, inventory, timeout: TimeSpan.FromSeconds(60), driverDomain: DriverDomain));
    }

    /// <summary>The paths dom0 watches for its waits now, sorted.</summary>
    private List<string> WaitWatches() =>
        [.. probe.Host.Store.Run(core => core.ListWatches()).Where(w => w.Connection.DomId == 0 && w.Token == WaitToken).Select(w => w.Path).Order(StringComparer.Ordinal)];

    /// <summary>pciback stops answering: an attach then waits until the guest dies.</summary>
    private void SilenceDriverDomain()
    {
        Watch(probe.Host.Pciback);
        Sys.Stop(probe.Host.Pciback);
        ExpectTerminated(probe.Host.Pciback);
    }

    /// <summary>Kills the guest, which ends the wait through @releaseDomain, and checks that its watches went with it.</summary>
    private async Task EndTheWaitAsync(int dom, Task<XmResult> attach)
    {
        (await new HypervisorClient(probe.Host.Hypervisor).CallAsync(new HvDestroyDomain(dom))).ThrowIfFailed();
        var result = await attach.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        Assert.False(result.Success);
        AwaitAssert(() => Assert.Empty(WaitWatches()));
    }

    [Fact]
    public async Task Must_watch_only_the_frontend_state_and_releaseDomain_while_a_new_pcidev_connects()
    {
        var dom = await probe.GuestWithPool("0000:00:04.0");
        SilenceDriverDomain();

        var attach = probe.Host.Xm(new XmPciAttach(dom, "00:04.0"), TimeSpan.FromSeconds(60));

        // The pcidev is new: pcifront's Connected comes after pciback's, so only the frontend's state is watched.
        string[] expected = [XenbusPci.FrontendPath(dom) + "/state", "@releaseDomain"];
        AwaitAssert(() => Assert.Equal(expected.Order(StringComparer.Ordinal), WaitWatches()));
        await EndTheWaitAsync(dom, attach);
    }

    [Fact]
    public async Task Must_watch_only_the_backend_state_and_releaseDomain_while_an_attached_pcidev_reconfigures()
    {
        var dom = await probe.GuestWithPool("0000:00:04.0", "0000:00:1d.0");
        await probe.Ok(new XmPciAttach(dom, "00:04.0"));
        AwaitAssert(() => Assert.Empty(WaitWatches())); // the waiter answers before it stops, and its watches go after

        SilenceDriverDomain();

        var attach = probe.Host.Xm(new XmPciAttach(dom, "00:1d.0"), TimeSpan.FromSeconds(60));

        // A reconfiguration ends with pciback's Connected (after pcifront's): only the backend's state is watched.
        string[] expected = [XenbusPci.BackendPath(DriverDomain, dom) + "/state", "@releaseDomain"];
        AwaitAssert(() => Assert.Equal(expected.Order(StringComparer.Ordinal), WaitWatches()));
        await EndTheWaitAsync(dom, attach);
    }
}
