using XenActors.Actor;
using XenActors.Xen.Host;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pcifront;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Tests.Xend;

/// <summary>xm create with pci = [...]: the devices are there when the guest boots.</summary>
public sealed class BootDevicesSpec : TestKit.TestKit
{
    private readonly HostProbe probe;

    public BootDevicesSpec()
    {
        var inventory = new PciInventory([SyntheticDevices.UsbControllerSet(), SyntheticDevices.SimpleNic()]);
        probe = new HostProbe(new InProcessXenHost(Sys, inventory, timeout: TimeSpan.FromSeconds(5)));
    }

    private async Task Pool(params string[] bdfs)
    {
        foreach (var b in bdfs)
            await probe.Ok(new XmPciAssignableAdd(b));
    }

    [Fact]
    public async Task Must_attach_the_config_devices_of_a_PV_guest_through_the_initial_connect_without_reconfiguring()
    {
        await Pool("0000:00:04.0", "0000:00:1d.0", "0000:00:1d.1");

        var dom = (await probe.Ok(new XmCreate("guest") { Pci = ["00:04.0", "00:1d.0-1@5"] })).Domid;

        var be = XenbusPci.BackendPath(0, dom);
        var states = probe.Journal.Where(w => w.Path.StartsWith(be + "/state", StringComparison.Ordinal)).Select(w => w.Path[(be.Length + 1)..] + " " + w.Value).ToList();
        Assert.Equal(["state 1", "state 2", "state 3", "state 4"], states.Where(s => s.StartsWith("state ", StringComparison.Ordinal)));
        Assert.Equal(["state-0 1", "state-1 1", "state-2 1"], states.Where(s => s.EndsWith(" 1", StringComparison.Ordinal) && s.StartsWith("state-", StringComparison.Ordinal)));
        Assert.Contains("num_devs = \"3\"", await probe.Tree(be));
        var kernel = await probe.KernelOf(dom);
        await AwaitAssertAsync(async () => Assert.Equal(
            ["00:00.0 0200: 10ec:8139", "00:05.0 0c03: 8086:2934", "00:05.1 0c03: 8086:2935"],
            (await kernel.Ask<GuestPciBus>(GuestLspci.Instance)).Lines));
        Assert.Equal(dom, await probe.OwnerOf("0000:00:1d.1"));
        await probe.AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_attach_the_config_devices_of_an_HVM_guest_through_its_device_model()
    {
        await Pool("0000:00:04.0");

        var dom = (await probe.Ok(new XmCreate("hvm") { Type = DomainType.Hvm, Pci = ["00:04.0@4"] })).Domid;

        var devices = await (await probe.KernelOf(dom)).Ask<GuestDeviceList>(GuestListDevices.Instance);
        Assert.Equal([new PciAddress(0, 0, 4, 0)], devices.Devices.Select(d => d.Address));
        Assert.Equal(["Vdev Device", "04.0 0000:00:04.0"], (await probe.Ok(new XmPciList(dom))).Lines);
        await probe.AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_fail_the_create_and_leave_no_domain_when_a_config_device_is_not_assignable()
    {
        await Pool("0000:00:04.0");

        var r = await probe.Host.Xm(new XmCreate("guest") { Pci = ["00:04.0", "00:1d.0"] });

        Assert.False(r.Success);
        Assert.Equal("PCI device 0:0:1d.0 is not assignable", r.Message);
        Assert.Equal([" = \"\""], await probe.Tree("/local/domain")); // the half-built domain's home went with it
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:04.0"));
        Assert.False(await probe.Exists(1));
        await probe.AssertOwnershipInvariant();
    }
}
