using XenActors.Actor;
using XenActors.Xen.Host;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pcifront;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Tests.Xend;

/// <summary>
/// pciback runs in a driver domain (dom 1) that dies — mid-detach (issue #5's refusal case) or while
/// devices are attached — and a PV guest that dies while attached: the operation fails saying so, the
/// functions go back to the pool, the frontend is told, and no entry is left without its other end.
/// </summary>
public sealed class DriverDomainDeathSpec : TestKit.TestKit
{
    private const int DriverDomain = 1;
    private readonly HostProbe probe;

    public DriverDomainDeathSpec()
    {
        var inventory = new PciInventory([SyntheticDevices.UsbControllerSet(), SyntheticDevices.SimpleNic()]);
        probe = new HostProbe(new InProcessXenHost(Sys, inventory, timeout: TimeSpan.FromSeconds(5), driverDomain: DriverDomain));
    }

    private static string Be(int domid) => XenbusPci.BackendPath(DriverDomain, domid);

    private async Task<IReadOnlyList<string>> Lspci(int domid) => (await (await probe.KernelOf(domid)).Ask<GuestPciBus>(GuestLspci.Instance)).Lines;

    private List<string> States(int domid) =>
        [.. probe.Journal.Where(w => w.Path == Be(domid) + "/state" || w.Path == XenbusPci.FrontendPath(domid) + "/state")
            .Select(w => (w.Path.StartsWith(Be(domid), StringComparison.Ordinal) ? "be " : "fe ") + w.Value)];

    private async Task AssertNothingLeftOf(int domid)
    {
        Assert.Empty(await probe.Tree("/local/domain/" + DriverDomain));
        Assert.Empty(await probe.Tree(XenbusPci.FrontendPath(domid)));
    }

    [Fact]
    public async Task Must_serve_a_guest_from_the_driver_domain()
    {
        var dom = await probe.GuestWithPool("0000:00:04.0");

        await probe.Ok(new XmPciAttach(dom, "00:04.0"));

        Assert.Contains("state = \"4\"", await probe.Tree(Be(dom)));
        Assert.Equal(["00:00.0 0200: 10ec:8139"], await Lspci(dom));
        Assert.Equal(dom, await probe.OwnerOf("0000:00:04.0"));
        await probe.AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_fail_a_detach_when_the_driver_domain_dies_midway_and_return_every_device_to_the_pool()
    {
        var dom = await probe.GuestWithPool("0000:00:04.0", "0000:00:1d.0");
        await probe.Ok(new XmPciAttach(dom, "00:04.0"));
        await probe.Ok(new XmPciAttach(dom, "00:1d.0"));
        // The driver domain hangs: nobody answers the handshake. Stopped for sure before the detach starts, or a
        // pciback still draining its mailbox could answer it.
        Watch(probe.Host.Pciback);
        Sys.Stop(probe.Host.Pciback);
        ExpectTerminated(probe.Host.Pciback);
        probe.ClearJournal();

        var detach = probe.Host.Xm(new XmPciDetach(dom, "00:04.0"));
        await AwaitConditionAsync(() => States(dom).Contains("fe 7")); // pcifront removed it and waits for pciback
        await probe.Host.KillDriverDomain();
        var r = await detach;

        Assert.False(r.Success);
        Assert.Equal($"driver domain {DriverDomain} died during the operation; the device was returned to the pool", r.Message);
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:04.0"));
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:1d.0"));
        // The frontend was told its backend is gone and closed.
        var states = States(dom);
        Assert.True(states.IndexOf("be 6") >= 0 && states.IndexOf("be 6") < states.IndexOf("fe 6"), string.Join(", ", states));
        await AwaitAssertAsync(() => AssertNothingLeftOf(dom));
        Assert.Empty(await Lspci(dom));
        Assert.Equal(["Vdev Device"], (await probe.Ok(new XmPciList(dom))).Lines);
        await probe.AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_return_attached_devices_to_the_pool_and_close_the_frontend_when_the_driver_domain_dies()
    {
        var dom = await probe.GuestWithPool("0000:00:04.0", "0000:00:1d.0", "0000:00:1d.1");
        await probe.Ok(new XmPciAttach(dom, "00:04.0"));
        await probe.Ok(new XmPciAttach(dom, "00:1d.0-1@5"));
        probe.ClearJournal();

        await probe.Host.KillDriverDomain();

        await AwaitAssertAsync(async () =>
        {
            await AssertNothingLeftOf(dom);
            Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:1d.0"));
        });
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:04.0"));
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:1d.1"));
        Assert.Equal(["be 6", "fe 6"], States(dom));
        Assert.Empty(await Lspci(dom));
        await probe.AssertOwnershipInvariant();

        // Nothing can be attached until a driver domain runs again, and the refusal changes nothing.
        var before = await probe.Tree("/");
        var refused = await probe.Host.Xm(new XmPciAttach(dom, "00:04.0"));
        Assert.False(refused.Success);
        Assert.Equal($"driver domain {DriverDomain} is not running", refused.Message);
        Assert.Equal(before, await probe.Tree("/"));
    }

    [Fact]
    public async Task Must_return_the_devices_of_a_PV_guest_that_crashes_to_the_pool_and_remove_its_entries()
    {
        var dom = await probe.GuestWithPool("0000:00:04.0");
        await probe.Ok(new XmPciAttach(dom, "00:04.0"));

        (await new HypervisorClient(probe.Host.Hypervisor).CallAsync(new HvDestroyDomain(dom))).ThrowIfFailed();

        await AwaitAssertAsync(async () =>
        {
            Assert.Empty(await probe.Tree("/local/domain/" + dom));
            Assert.Empty(await probe.Tree(XenbusPci.BackendPath(DriverDomain, dom)));
        });
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:04.0"));
        Assert.True((await probe.Host.Launcher.Ask<DomainActor>(new GuestKernelOf(dom))).Actor.IsNobody());
        await probe.AssertOwnershipInvariant();
    }
}
