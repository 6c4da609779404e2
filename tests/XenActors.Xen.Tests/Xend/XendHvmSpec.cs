using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Scheduler;
using XenActors.Xen.Host;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;
using XenActors.Xen.Xend;
using P = XenActors.Xen.Hvm.HotplugParticipant;

namespace XenActors.Xen.Tests.Xend;

/// <summary>
/// xm pci-attach/-detach of HVM guests through xend (multi-function seed, figure 3): xm → xend → ioemu →
/// hypervisor + virtual BIOS or root port → guest kernel → back to xm, in one host with one hypervisor.
/// Virtual time: only the guest-refuses case lets time pass, by advancing it.
/// </summary>
public sealed class XendHvmSpec : TestKit.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly ManualTimeProvider time;
    private readonly HostProbe probe;

    public XendHvmSpec() : this(new ManualTimeProvider()) { }

    private XendHvmSpec(ManualTimeProvider time) : base(setup: new ActorSystemSetup { TimeProvider = time })
    {
        this.time = time;
        probe = new HostProbe(new InProcessXenHost(Sys, new PciInventory([SyntheticDevices.UsbControllerSet(), SyntheticDevices.SimpleNic()]), timeout: Timeout));
    }

    public static TheoryData<HotplugMode, bool> Topologies => new()
    {
        { HotplugMode.Acpi, false },
        { HotplugMode.Acpi, true },
        { HotplugMode.PcieNative, false },
        { HotplugMode.PcieNative, true },
    };

    private static string Be(int domid) => XenbusPci.BackendPath(0, domid);

    private async Task<int> HvmGuest(HotplugMode mode, bool stub, params string[] pool)
    {
        foreach (var bdf in pool)
            await probe.Ok(new XmPciAssignableAdd(bdf));
        return (await probe.Ok(new XmCreate("hvm") { Type = DomainType.Hvm, Hotplug = mode, DeviceModelStubdomain = stub })).Domid;
    }

    private static (P, P)[] ToDeviceModel(bool stub) => stub ? [(P.Xend, P.StubDomain), (P.StubDomain, P.Ioemu)] : [(P.Xend, P.Ioemu)];

    private static (P, P)[] FromDeviceModel(bool stub) => stub ? [(P.Ioemu, P.StubDomain), (P.StubDomain, P.Xend)] : [(P.Ioemu, P.Xend)];

    /// <summary>The guest's round trip: GPE → _E01 → Notify → _OST/_EJ0, or presence detect/attention button → pciehp → slot power.</summary>
    private static (P, P)[] ThroughGuest(HotplugMode mode) => mode == HotplugMode.Acpi
        ? [(P.Ioemu, P.VirtualBios), (P.VirtualBios, P.GuestKernel), (P.GuestKernel, P.VirtualBios), (P.VirtualBios, P.Ioemu)]
        : [(P.Ioemu, P.RootPort), (P.RootPort, P.GuestKernel), (P.GuestKernel, P.RootPort), (P.RootPort, P.Ioemu)];

    private async Task<IReadOnlyList<PciAddress>> GuestSees(int domid) =>
        [.. (await (await probe.KernelOf(domid)).Ask<GuestDeviceList>(GuestListDevices.Instance)).Devices.Select(d => d.Address)];

    [Theory]
    [MemberData(nameof(Topologies))]
    public async Task Must_attach_and_detach_a_multi_function_device_from_xm_through_ioemu_and_the_guest_and_back_to_xm(HotplugMode mode, bool stub)
    {
        var dom = await HvmGuest(mode, stub, "0000:00:1d.0", "0000:00:1d.1");

        var attached = await probe.Ok(new XmPciAttach(dom, "00:1d.0-1@5"));

        (P, P)[] hypervisor = [(P.Ioemu, P.Hypervisor), (P.Ioemu, P.Hypervisor)];
        Assert.Equal([(P.Xm, P.Xend), .. ToDeviceModel(stub), .. hypervisor, .. ThroughGuest(mode), .. FromDeviceModel(stub), (P.Xend, P.Xm)], attached.Trail!.Path);
        // Virtual function 0 is assigned last, so the guest is told once, about a complete device.
        Assert.Equal(["0000:00:1d.1", "0000:00:1d.0"], attached.Trail.Hops.Where(h => h.To == P.Hypervisor).Select(h => h.Event.Split(' ')[1]));
        if (stub)
            Assert.Contains($"stub domain {dom + 1}", attached.Trail.Hops[1].Event, StringComparison.Ordinal);
        Assert.Equal(dom, await probe.OwnerOf("0000:00:1d.0"));
        Assert.Equal(dom, await probe.OwnerOf("0000:00:1d.1"));
        var guestSlot = mode == HotplugMode.Acpi ? new[] { new PciAddress(0, 0, 5, 0), new PciAddress(0, 0, 5, 1) } : [new PciAddress(0, 5, 0, 0), new PciAddress(0, 5, 0, 1)];
        Assert.Equal(guestSlot, await GuestSees(dom));
        // The backend entries are written for bookkeeping (reference §6): pciback exported them, no state=7.
        var tree = await probe.Tree(Be(dom));
        Assert.Contains("dev-0 = \"0000:00:1d.1\"", tree);
        Assert.Contains("vdevfn-0 = \"29\"", tree);
        Assert.Contains("dev-1 = \"0000:00:1d.0\"", tree);
        Assert.Contains("vdevfn-1 = \"28\"", tree);
        Assert.Contains("num_devs = \"2\"", tree);
        Assert.Contains("state = \"3\"", tree);
        Assert.DoesNotContain(probe.Journal, w => w.Path == Be(dom) + "/state" && w.Value == "7");
        Assert.Equal(["Vdev Device", "05.1 0000:00:1d.1", "05.0 0000:00:1d.0"], (await probe.Ok(new XmPciList(dom))).Lines);
        await probe.AssertOwnershipInvariant();

        var detached = await probe.Ok(new XmPciDetach(dom, "00:1d.0-1"));

        Assert.Equal([(P.Xm, P.Xend), .. ToDeviceModel(stub), .. ThroughGuest(mode), .. hypervisor, .. FromDeviceModel(stub), (P.Xend, P.Xm)], detached.Trail!.Path);
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:1d.0"));
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:1d.1"));
        Assert.Empty(await GuestSees(dom));
        Assert.Empty(await probe.Tree(Be(dom)));
        Assert.Empty(await probe.Tree(XenbusPci.FrontendPath(dom)));
        Assert.Equal(["Vdev Device"], (await probe.Ok(new XmPciList(dom))).Lines);
        await probe.AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_keep_the_bookkeeping_of_two_devices_and_compact_it_when_the_first_leaves()
    {
        var dom = await HvmGuest(HotplugMode.Acpi, false, "0000:00:04.0", "0000:00:1d.0");
        await probe.Ok(new XmPciAttach(dom, "00:04.0@4"));
        await probe.Ok(new XmPciAttach(dom, "00:1d.0@6"));

        await probe.Ok(new XmPciDetach(dom, "00:04.0"));

        var tree = await probe.Tree(Be(dom));
        Assert.Contains("dev-0 = \"0000:00:1d.0\"", tree);
        Assert.Contains("vdevfn-0 = \"30\"", tree);
        Assert.Contains("num_devs = \"1\"", tree);
        Assert.DoesNotContain(tree, l => l.StartsWith("dev-1", StringComparison.Ordinal));
        Assert.Equal(["Vdev Device", "06.0 0000:00:1d.0"], (await probe.Ok(new XmPciList(dom))).Lines);
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:04.0"));
        Assert.Equal([new PciAddress(0, 0, 6, 0)], await GuestSees(dom));
        await probe.AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_refuse_a_device_not_in_the_pool_at_xend_before_asking_ioemu()
    {
        var dom = await HvmGuest(HotplugMode.Acpi, false);
        var before = await probe.Tree("/");

        var r = await probe.Host.Xm(new XmPciAttach(dom, "00:04.0"));

        Assert.False(r.Success);
        Assert.Equal("PCI device 0:0:4.0 is not assignable", r.Message);
        Assert.Equal([(P.Xm, P.Xend), (P.Xend, P.Xm)], r.Trail!.Path);
        Assert.Equal(before, await probe.Tree("/"));
        await probe.AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_fail_a_detach_the_guest_refuses_after_the_timeout_and_keep_the_device_attached_and_listed()
    {
        var dom = await HvmGuest(HotplugMode.Acpi, false, "0000:00:04.0");
        await probe.Ok(new XmPciAttach(dom, "00:04.0@4"));
        (await probe.KernelOf(dom)).Tell(new SetGuestBehaviour(new GuestKernelOptions { Behaviour = GuestHotplugBehaviour.RefuseEject }));
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(GuestKernelLog));
        var before = await probe.Tree("/");

        var detach = probe.Host.Xm(new XmPciDetach(dom, "00:04.0"));
        logs.FishForMessage<GuestKernelLog>(l => l.Line.Contains("refused", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.False(detach.IsCompleted);
        time.Advance(Timeout);
        var r = await detach;

        Assert.False(r.Success);
        Assert.Equal($"timed out waiting for domain {dom} to eject 0000:00:04.0 from virtual slot 0x04; the device stays attached", r.Message);
        Assert.Equal((P.Xend, P.Xm), r.Trail!.Path[^1]);
        Assert.Equal(dom, await probe.OwnerOf("0000:00:04.0"));
        Assert.Equal([new PciAddress(0, 0, 4, 0)], await GuestSees(dom));
        Assert.Equal(["Vdev Device", "04.0 0000:00:04.0"], (await probe.Ok(new XmPciList(dom))).Lines);
        Assert.Equal(before, await probe.Tree("/"));
        await probe.AssertOwnershipInvariant();
    }

    [Fact]
    public async Task Must_return_the_devices_of_an_HVM_guest_that_dies_to_the_pool_and_stop_its_stub_domain()
    {
        var dom = await HvmGuest(HotplugMode.Acpi, true, "0000:00:04.0");
        await probe.Ok(new XmPciAttach(dom, "00:04.0@4"));

        (await new HypervisorClient(probe.Host.Hypervisor).CallAsync(new HvDestroyDomain(dom))).ThrowIfFailed(); // it crashed

        await AwaitAssertAsync(async () =>
        {
            Assert.Empty(await probe.Tree("/local/domain/" + dom));
            Assert.Empty(await probe.Tree(Be(dom)));
            Assert.False(await probe.Exists(dom + 1));
            Assert.True((await probe.Host.Launcher.Ask<DomainActor>(new DeviceModelOf(dom))).Actor.IsNobody());
        });
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:04.0"));
        Assert.False((await probe.Host.Xm(new XmPciList(dom))).Success);
        await probe.AssertOwnershipInvariant();
    }
}
